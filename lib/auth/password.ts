import bcrypt from 'bcryptjs';

/** bcrypt cost: about a quarter of a second per hash in bcryptjs, slow enough to make guessing expensive. */
export const PASSWORD_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, PASSWORD_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one real comparison without a user to compare against, so that an unknown
 * email answers about as slowly as a wrong password and response times do not reveal who has an account.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  await verifyPassword(password, await dummyHash);
}
