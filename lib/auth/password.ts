// Password hashing with Node's scrypt: memory-hard, and run on libuv's thread pool, so hashing never
// blocks the event loop that answers every other request (bcryptjs, pure JS, did). No native module, no
// install step. Hashes made by bcryptjs before still verify, and are replaced on the next sign-in.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** One of OWASP's equivalent scrypt settings: 16 MiB per hash (N=2^14, r=8), p=5 for the time cost. */
export const SCRYPT_PARAMS = { N: 2 ** 14, r: 8, p: 5 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$key` (base64url): the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT_PARAMS);
  const { N, r, p } = SCRYPT_PARAMS;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$2')) return bcrypt.compare(password, stored);
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash from bcryptjs, or with weaker parameters than today's: replace it once the password is known. */
export function needsRehash(stored: string): boolean {
  const { N, r, p } = SCRYPT_PARAMS;
  return !stored.startsWith(`scrypt$${N}$${r}$${p}$`);
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
