// `npm run test:e2e`: a production build, then Playwright (its global setup starts database, sandbox and app).
import { spawnSync } from 'node:child_process';

process.env.NEXT_TELEMETRY_DISABLED ??= '1';

function run(cmd: string, args: string[]) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.env.E2E_SKIP_BUILD !== '1') run(process.execPath, ['node_modules/next/dist/bin/next', 'build']);
run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)]);
