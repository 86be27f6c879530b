// HSTS only where the browser reached us over https (directly or through a TLS-terminating proxy).
import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { securityHeaders } from './security-headers';

describe('security headers', () => {
  it('send HSTS on https only', () => {
    expect(securityHeaders({ https: true, development: false })['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(securityHeaders({ https: false, development: false })).not.toHaveProperty('strict-transport-security');
  });

  it('the proxy reads https from the URL or from X-Forwarded-Proto', () => {
    const hsts = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(url, { headers })).headers.get('strict-transport-security');
    expect(hsts('https://shop.example/pricing')).toContain('max-age=');
    expect(hsts('http://app.internal/pricing', { 'x-forwarded-proto': 'https' })).toContain('max-age=');
    expect(hsts('http://localhost:3000/pricing')).toBeNull();
  });
});
