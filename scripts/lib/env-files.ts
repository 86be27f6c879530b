// The scripts read `.env.local` and friends the way `next dev` / `next start` do, before lib/env.ts validates.
import nextEnv from '@next/env';

/** `development` also reads `.env.development*`; the worker and migrations follow NODE_ENV, Next's own variable. */
export function loadEnvFiles(mode: 'development' | 'as NODE_ENV' = 'development') {
  const dev = mode === 'development' || process.env.NODE_ENV !== 'production';
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
}
