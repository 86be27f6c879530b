import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // `npm test` type-checks and lints on its own; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  // The database driver stays out of the server bundle (Node-only code, loaded as is).
  serverExternalPackages: ['postgres'],
  poweredByHeader: false,
};

export default nextConfig;
