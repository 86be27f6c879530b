import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // A self-contained server folder (`.next/standalone`) for `npm start` and the Docker image.
  output: 'standalone',
  // The database driver stays out of the server bundle (Node-only code, loaded as is).
  serverExternalPackages: ['postgres'],
  poweredByHeader: false,
};

export default nextConfig;
