import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { SANDBOX_CONFIG as base } from '@/test/config';
import { configuredOAuthProviders } from './providers';

describe('OAuth providers', () => {
  it('offers none when no provider is configured', () => {
    expect(configuredOAuthProviders(parseEnv(base))).toEqual([]);
  });

  it('offers GitHub and Google when both halves of their credentials are set', () => {
    const config = parseEnv({ ...base, AUTH_GITHUB_ID: 'gh-id', AUTH_GITHUB_SECRET: 'gh-secret', AUTH_GOOGLE_ID: 'g-id', AUTH_GOOGLE_SECRET: 'g-secret' });
    expect(configuredOAuthProviders(config).map((p) => [p.id, p.clientId, p.clientSecret])).toEqual([
      ['github', 'gh-id', 'gh-secret'],
      ['google', 'g-id', 'g-secret'],
    ]);
  });

  it('treats blank values as not configured', () => {
    expect(configuredOAuthProviders(parseEnv({ ...base, AUTH_GITHUB_ID: ' ', AUTH_GITHUB_SECRET: '' }))).toEqual([]);
  });

  it('names the missing half of a pair at start-up', () => {
    expect(() => parseEnv({ ...base, AUTH_GITHUB_ID: 'gh-id' })).toThrow(/AUTH_GITHUB_SECRET is required when AUTH_GITHUB_ID is set/);
    expect(() => parseEnv({ ...base, AUTH_GOOGLE_SECRET: 'g-secret' })).toThrow(/AUTH_GOOGLE_ID is required when AUTH_GOOGLE_SECRET is set/);
  });
});
