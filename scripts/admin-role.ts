// `npm run admin:grant -- <email>` / `npm run admin:revoke -- <email>`: gives or takes the operator role.
// Only an account whose email is verified can be granted it; each change is recorded as an operator action.
// The database: DATABASE_URL, else the one a running `npm run dev` uses.
import { existsSync, readFileSync } from 'node:fs';
import nextEnv from '@next/env';
import { devDatabaseUrlFile } from './lib/dev-data';

nextEnv.loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });

const [command, email] = process.argv.slice(2);
if ((command !== 'grant' && command !== 'revoke') || !email?.includes('@')) {
  console.error('usage: npm run admin:grant -- <email>   or   npm run admin:revoke -- <email>');
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  const file = devDatabaseUrlFile();
  if (!existsSync(file)) {
    console.error('DATABASE_URL is not set and no `npm run dev` is running: set DATABASE_URL or start the dev server first.');
    process.exit(2);
  }
  process.env.DATABASE_URL = readFileSync(file, 'utf8').trim();
}

const { setRole } = await import('../lib/ops/operators');
const result = await setRole(email, command === 'grant' ? 'operator' : 'user', `npm run admin:${command}`);
if (!result.ok) {
  console.error(result.error);
  process.exit(1);
}
console.log(`${email}: ${command === 'grant' ? 'operator' : 'no longer an operator'}${result.changed ? '' : ' (already so)'}.`);
// The pool would keep the process alive.
process.exit(0);
