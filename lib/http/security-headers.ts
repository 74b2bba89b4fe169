// The security headers of every response (ASVS 5.0 V3.4 browser security mechanisms). No framework: next.config.ts
// sets the fixed ones on every path, and proxy.ts sets the Content-Security-Policy with a nonce made for each request
// (Next.js puts the nonce on its own scripts when it finds it in the request's policy).

/** Headers that are the same for every response. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Pages are never framed (clickjacking of the publish and import pages); frame-ancestors says the same in the CSP.
  { key: 'X-Frame-Options', value: 'DENY' },
  // Addresses carry unit codes and officials' names in filters: other sites learn at most the origin.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
];

/** The policy of a response that is never a page (JSON, CSV), where no nonce is made: nothing may run or load. */
export const NO_CONTENT_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Over HTTPS: browsers keep to HTTPS for a year. */
export const HSTS = { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' } as const;

/**
 * The Content-Security-Policy of a response: scripts only with this request's nonce (and what they load:
 * 'strict-dynamic'), no plugins, no <base>, forms only to this site, never framed. Styles allow inline attributes,
 * which React and recharts set on elements (style="…"), and nothing from elsewhere. `https`: upgrade sub-resources.
 */
export function contentSecurityPolicy(nonce: string, { https = false, dev = false } = {}): string {
  return policy(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`, https);
}

/**
 * The policy of a page served again from memory (lib/http/page-cache.ts), where no nonce can be fresh: its own inline
 * scripts by their sha256, the site's script files by 'self'; the rest as above.
 */
export function hashedContentSecurityPolicy(hashes: readonly string[], { https = false } = {}): string {
  return policy(`script-src 'self'${hashes.map((h) => ` 'sha256-${h}'`).join('')}`, https);
}

function policy(scripts: string, https: boolean): string {
  return [
    "default-src 'self'",
    scripts,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
