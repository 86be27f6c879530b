import { safeCallbackPath } from '@/lib/auth/callback-url';

export type LoginSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The page's `callbackUrl`, made safe, and the query string that carries it to the other login page. */
export async function readCallback(searchParams: LoginSearchParams) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackPath(Array.isArray(raw) ? raw[0] : raw);
  return { callbackUrl, query: callbackUrl === '/' ? '' : `?${new URLSearchParams({ callbackUrl })}` };
}
