import { safeCallbackPath } from '@/lib/auth/callback-url';

export type LoginSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Where signing in or up lands when no page asked for it: the signed-in home, not the marketing page. */
const SIGNED_IN_HOME = '/dashboard';

/** The page's `callbackUrl`, made safe, and the query string that carries it to the other login page. */
export async function readCallback(searchParams: LoginSearchParams) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackPath(Array.isArray(raw) ? raw[0] : raw, SIGNED_IN_HOME);
  return { callbackUrl, query: callbackUrl === SIGNED_IN_HOME ? '' : `?${new URLSearchParams({ callbackUrl })}` };
}
