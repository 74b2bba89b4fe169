// Who is on the other end of a request: the client's address and the site's own origin, as the server in
// scripts/serve.ts leaves them in the headers. That server overwrites X-Forwarded-For with the socket's address and
// drops X-Forwarded-Host/-Proto unless TRUST_PROXY says a reverse proxy in front sets them, so nothing here can be
// forged by a client.
import 'server-only';

/** The client's address (for rate limits and the audit log); 'unknown' outside the server (tests calling handlers). */
export function clientAddress(headers: Headers): string {
  return headers.get('x-forwarded-for')?.trim() || 'unknown';
}

/** The first value of a header that a chain of proxies may have made a list. */
const first = (value: string | null) => value?.split(',')[0]?.trim() || null;

/** The origin the site is served at, as the browser sees it: scheme and host of this request, normalised by the URL
 * parser (case, default port) as the browser's Origin is. */
export function siteOrigin(headers: Headers, requestUrl: string): string {
  const host = first(headers.get('x-forwarded-host')) ?? headers.get('host');
  const proto = first(headers.get('x-forwarded-proto')) ?? new URL(requestUrl).protocol.replace(':', '');
  try {
    if (host) return new URL(`${proto}://${host}`).origin;
  } catch {
    // A Host header that is no host: compare with the request's own address instead.
  }
  return new URL(requestUrl).origin;
}

/**
 * Whether a state-changing request comes from a page of this site: its Origin (or, without one, its Referer) is the
 * site's origin. A browser sends Origin with every cross-site POST; a request with neither header is refused too.
 */
export function isSameOrigin(headers: Headers, requestUrl: string): boolean {
  const from = headers.get('origin') ?? headers.get('referer');
  if (!from || from === 'null') return false;
  try {
    return new URL(from).origin === siteOrigin(headers, requestUrl);
  } catch {
    return false;
  }
}
