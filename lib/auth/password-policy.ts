// What a new password must be. No dependencies, so the sign-up form can show the same rule.

export const PASSWORD_MIN_LENGTH = 8;

/** A cap keeps each hash's cost bounded; 72 bytes, what bcrypt accounts allowed, so every old password stays valid. */
export const PASSWORD_MAX_BYTES = 72;

export function isPasswordTooLong(password: string): boolean {
  return new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES;
}
