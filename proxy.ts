// Runs before every request: adds the security headers (lib/http/security-headers.ts). At run time, not
// in next.config, because the sandbox's origin is only known when the server starts.
import { NextResponse, type NextRequest } from 'next/server';
import { readEnv } from '@/lib/env';
import { securityHeaders } from '@/lib/http/security-headers';

export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const headers = securityHeaders({ https, development: process.env.NODE_ENV === 'development', dodoBaseUrl: readEnv(['DODO_PAYMENTS_BASE_URL']).DODO_PAYMENTS_BASE_URL });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
