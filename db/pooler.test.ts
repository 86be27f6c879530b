import { describe, expect, it } from 'vitest';
import { looksLikeTransactionPooler } from './pooler';

describe('looksLikeTransactionPooler', () => {
  it('flags PgBouncer, Supavisor transaction mode and Neon pooled hosts, not direct connections', () => {
    expect(looksLikeTransactionPooler('postgres://u:p@db.internal:6432/app')).toBe(true);
    expect(looksLikeTransactionPooler('postgres://u:p@aws-0-eu-west-1.pooler.supabase.com:6543/postgres')).toBe(true);
    expect(looksLikeTransactionPooler('postgres://u:p@ep-cool-name-123-pooler.eu-central-1.aws.neon.tech/neondb')).toBe(true);
    expect(looksLikeTransactionPooler('postgres://u:p@ep-cool-name-123.eu-central-1.aws.neon.tech/neondb')).toBe(false);
    expect(looksLikeTransactionPooler('postgres://u:p@127.0.0.1:5432/app')).toBe(false);
  });
});
