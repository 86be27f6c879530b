import 'server-only';
// Server actions are one-liners: this wrapper checks the user and validates the input with zod.
import { z } from 'zod';
import { requireUser, type CurrentUser } from '@/lib/auth/session';

export type ActionError = { ok: false; error: string };

export function actionWithUser<S extends z.ZodType, R>(
  schema: S,
  callbackPath: (input: unknown) => string,
  run: (input: z.infer<S>, user: CurrentUser) => Promise<R>,
) {
  return async (input: unknown): Promise<R | ActionError> => {
    const user = await requireUser(callbackPath(input));
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
    return run(parsed.data, user);
  };
}
