import { describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import { hashPassword, PASSWORD_COST, verifyPassword } from './password';
import { isPasswordTooLong } from './password-policy';

describe('password hashing', () => {
  it('stores a salted bcrypt hash, never the password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^\$2[aby]\$\d{2}\$/);
    expect(first).not.toContain('correct horse battery');
    expect(first).not.toBe(second);
    expect(bcrypt.getRounds(first)).toBe(PASSWORD_COST);
    expect(PASSWORD_COST).toBeGreaterThanOrEqual(10);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('counts the 72-byte bcrypt limit in bytes, not characters', () => {
    expect(isPasswordTooLong('a'.repeat(72))).toBe(false);
    expect(isPasswordTooLong('a'.repeat(73))).toBe(true);
    expect(isPasswordTooLong('é'.repeat(37))).toBe(true); // 74 bytes in UTF-8
  });
});
