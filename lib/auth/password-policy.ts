// What a new password must be. No dependencies, so the sign-up form can show the same rule.

export const PASSWORD_MIN_LENGTH = 8;

/** bcrypt ignores everything after 72 bytes, so a longer password would be silently shortened. */
export const PASSWORD_MAX_BYTES = 72;

export function isPasswordTooLong(password: string): boolean {
  return new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES;
}
