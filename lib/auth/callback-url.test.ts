import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';

describe('the callbackUrl sanitiser', () => {
  it.each(['/', '/pricing', '/billing?tab=invoices', '/?from=test', '/docs#install', '/a/b/c?x=1&y=%2F%2Fz'])('keeps the same-origin path %s', (path) => {
    expect(safeCallbackPath(path)).toBe(path);
  });

  it.each([
    ['a protocol-relative URL', '//evil.com'],
    ['a protocol-relative URL with a path', '//evil.com/pricing'],
    ['an absolute URL', 'https://evil.com'],
    ['an absolute URL to this path', 'http://localhost:3000/pricing'],
    ['a backslash that browsers read as a slash', '/\\evil.com'],
    ['a backslash first', '\\\\evil.com'],
    ['a tab that the URL parser drops', '/\t/evil.com'],
    ['a newline', '/pricing\n'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path without a slash', 'pricing'],
    ['an empty string', ''],
  ])('rejects %s', (_label, value) => {
    expect(safeCallbackPath(value)).toBe('/');
  });

  it('rejects values that are not strings, and uses the given fallback', () => {
    expect(safeCallbackPath(null)).toBe('/');
    expect(safeCallbackPath(undefined)).toBe('/');
    expect(safeCallbackPath(['/pricing'])).toBe('/');
    expect(safeCallbackPath('//evil.com', '/billing')).toBe('/billing');
  });

  it('normalises dot segments so the path cannot climb out of the site', () => {
    expect(safeCallbackPath('/a/../pricing')).toBe('/pricing');
    expect(safeCallbackPath('/..//evil.com')).toBe('/');
    expect(safeCallbackPath('/.//evil.com')).toBe('/');
    expect(safeCallbackPath('/%2e%2e//evil.com')).toBe('/');
  });
});
