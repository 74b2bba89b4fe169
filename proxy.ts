// Runs before every request but static files: the Content-Security-Policy with a nonce made for this request (given
// to Next.js in the request's own policy header, so its scripts carry it), HSTS over HTTPS, and a 404 page for a path
// that is not valid percent-encoding (which would otherwise fail inside the router with a 500).
// Never an access check: that is the gate's (lib/server/access.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { HSTS, contentSecurityPolicy, newNonce } from '@/lib/http/security-headers';
import { isMalformedPath } from '@/lib/http/url';

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  // The server in scripts/serve.ts leaves X-Forwarded-Proto only when a trusted proxy set it; else Next.js sets it from
  // the connection.
  const https = request.headers.get('x-forwarded-proto') === 'https' || request.nextUrl.protocol === 'https:';
  const policy = contentSecurityPolicy(nonce, { https, dev: env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = isMalformedPath(request.nextUrl.pathname)
    ? NextResponse.rewrite(new URL('/khong-tim-thay', request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  if (https) response.headers.set(HSTS.key, HSTS.value);
  return response;
}

// Not for static files, nor for the two routes that take a request body to stream (a dossier batch, an uploaded file):
// Next.js buffers the body of a request that passes a proxy, and cuts it at 10 MB. Those two answer JSON, never a page;
// their Content-Security-Policy is the fixed one of next.config.ts.
export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|icon\\.svg|favicon\\.ico|api/v1/dossiers$|api/v1/imports$).*)' }],
};
