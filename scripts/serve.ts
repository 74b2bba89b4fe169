// The production web server that `npm start` runs: Next.js's request handler behind a plain Node HTTP server, so that
// the forwarded-request headers the app reads (client address, host, scheme) are the server's word, not a client's.
// Without TRUST_PROXY they are all set from the socket; with it, from the proxy in front (X-Forwarded-For: the address
// the proxy appended last).
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { env } from '../lib/env';
import { normaliseForwarded } from '../lib/http/forwarded';
import { PublicPageCache } from '../lib/http/page-cache';

const root = path.resolve(import.meta.dirname, '..');
const app = next({ dev: false, dir: root, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();
// The public month page for readers not signed in: sent from memory once rendered (lib/http/page-cache.ts).
const publicPages = new PublicPageCache();
const server = http.createServer((req, res) => {
  normaliseForwarded(req.headers, req.socket.remoteAddress, env.TRUST_PROXY);
  void publicPages.handle(req, res, handle);
});
server.keepAliveTimeout = 65_000; // longer than a load balancer's usual 60 s idle timeout
server.headersTimeout = 66_000;
server.listen(env.PORT, () => console.log(`[tthc] Listening on http://localhost:${env.PORT}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
