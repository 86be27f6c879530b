import type { AppEnv } from '@/lib/env';

export type OAuthProviderId = 'github' | 'google';

export type OAuthProviderConfig = { id: OAuthProviderId; name: string; clientId: string; clientSecret: string };

/** The OAuth providers whose credentials are configured, in the order their buttons appear. */
export function configuredOAuthProviders(
  config: Pick<AppEnv, 'AUTH_GITHUB_ID' | 'AUTH_GITHUB_SECRET' | 'AUTH_GOOGLE_ID' | 'AUTH_GOOGLE_SECRET'>,
): OAuthProviderConfig[] {
  const providers: OAuthProviderConfig[] = [];
  if (config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET) {
    providers.push({ id: 'github', name: 'GitHub', clientId: config.AUTH_GITHUB_ID, clientSecret: config.AUTH_GITHUB_SECRET });
  }
  if (config.AUTH_GOOGLE_ID && config.AUTH_GOOGLE_SECRET) {
    providers.push({ id: 'google', name: 'Google', clientId: config.AUTH_GOOGLE_ID, clientSecret: config.AUTH_GOOGLE_SECRET });
  }
  return providers;
}
