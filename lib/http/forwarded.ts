// The forwarded-request headers as the app may believe them. A client can send any X-Forwarded-* header; only a
// reverse proxy that overwrites them (TRUST_PROXY) makes them true. No framework: the server in scripts/serve.ts
// applies it to every request before Next.js sees it.
import type { IncomingHttpHeaders } from 'node:http';

const FORWARDED = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-for'] as const;

/**
 * Rewrites `headers` in place: without a trusted proxy the X-Forwarded-* headers are dropped (Next.js then sets host,
 * scheme and port from the connection) and X-Forwarded-For is the socket's address; with one, X-Forwarded-For is the
 * address the proxy appended last (the client it saw).
 */
export function normaliseForwarded(headers: IncomingHttpHeaders, socketAddress: string | undefined, trustProxy: boolean): void {
  const forwardedFor = headers['x-forwarded-for'];
  const proxied = trustProxy && typeof forwardedFor === 'string' ? forwardedFor.split(',').at(-1)?.trim() : undefined;
  for (const name of FORWARDED) {
    if (!trustProxy || Array.isArray(headers[name])) delete headers[name];
  }
  headers['x-forwarded-for'] = proxied || socketAddress || 'unknown';
}
