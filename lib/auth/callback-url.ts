// Where to send someone after signing in: only a path on this site, never another origin.

const BASE = 'http://localhost.invalid';

/**
 * Returns `value` as a same-origin path (with its query and hash) when it is one, else `fallback`.
 * Rejects absolute URLs, protocol-relative `//host` and `/\host` (browsers read both as another host),
 * and anything the URL parser would move off this origin.
 */
export function safeCallbackPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return fallback;
  if (hasLooselyParsedCharacters(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can normalise `/..//evil.com` into `//evil.com`, so the result is checked again.
  if (url.origin !== BASE || path.startsWith('//')) return fallback;
  return path;
}

/** Backslashes, spaces and control characters: never needed in our paths, and browsers read them loosely. */
function hasLooselyParsedCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === '\\' || code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}
