import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from './password';
import { isPasswordTooLong } from './password-policy';

describe('password hashing', () => {
  it('stores a salted scrypt hash with its parameters, never the password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$${SCRYPT_PARAMS.r}\\$${SCRYPT_PARAMS.p}\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(first).not.toContain('correct horse battery');
    expect(first).not.toBe(second);
    expect(needsRehash(first)).toBe(false);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('still accepts a bcryptjs hash from before, and marks it for replacement', async () => {
    const legacy = await bcrypt.hash('old account password', 4);
    expect(await verifyPassword('old account password', legacy)).toBe(true);
    expect(await verifyPassword('old account passworD', legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });

  it('leaves the event loop free while it hashes (the work runs on the thread pool)', async () => {
    const start = performance.eventLoopUtilization();
    await Promise.all([hashPassword('a'), hashPassword('b'), verifyPassword('c', await hashPassword('d'))]);
    const busy = performance.eventLoopUtilization(start).utilization;
    // bcryptjs kept the loop busy for all of it (utilization near 1); scrypt leaves it idle.
    expect(busy).toBeLessThan(0.5);
  });

  it('counts the 72-byte limit in bytes, not characters', () => {
    expect(isPasswordTooLong('a'.repeat(72))).toBe(false);
    expect(isPasswordTooLong('a'.repeat(73))).toBe(true);
    expect(isPasswordTooLong('é'.repeat(37))).toBe(true); // 74 bytes in UTF-8
  });
});
