// What a sign-up or sign-in form may contain; the messages are shown to the user as they are.
import { z } from 'zod';
import { isPasswordTooLong, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from './password-policy';

export const emailSchema = z
  .string({ message: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }).max(254, { message: 'That email address is too long.' }));

export const newPasswordSchema = z
  .string({ message: 'Choose a password.' })
  .min(PASSWORD_MIN_LENGTH, { message: `Use at least ${PASSWORD_MIN_LENGTH} characters for your password.` })
  .refine((password) => !isPasswordTooLong(password), { message: `That password is too long (at most ${PASSWORD_MAX_BYTES} bytes).` });

export const signUpSchema = z.object({
  name: z
    .string({ message: 'Enter your name.' })
    .trim()
    .min(1, { message: 'Enter your name.' })
    .max(100, { message: 'That name is too long (at most 100 characters).' }),
  email: emailSchema,
  password: newPasswordSchema,
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ message: 'Enter your password.' }).min(1, { message: 'Enter your password.' }),
});

export type SignInInput = z.infer<typeof signInSchema>;
