// The lint rule that keeps imports pointing down (eslint.config.mjs), run on probe files in each layer.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: import.meta.dirname + '/..' });

async function restrictedImports(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('imports point down: app → components → lib → db, sandbox apart', () => {
  it.each([
    ['components/probe.tsx', `import { x } from '@/app/(app)/billing/page';`],
    ['lib/billing/probe.ts', `import { x } from '@/app/api/webhooks/dodo/route';`],
    ['lib/billing/probe.ts', `import { x } from '../../components/site-header';`],
    ['db/probe.ts', `import { x } from '@/lib/ops/log';`],
    ['db/probe.ts', `import { x } from '@/components/ui/button';`],
    ['packages/dodo-sandbox/src/probe.ts', `import { x } from '../../../db/index';`],
    ['packages/dodo-sandbox/src/probe.ts', `import { x } from '@/lib/env';`],
  ])('%s may not %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport const y = x;\n`)).toHaveLength(1);
  });

  it.each([
    ['app/probe.tsx', `import { x } from '@/components/site-header';`],
    ['components/probe.tsx', `import { x } from '@/lib/billing/actions';`],
    ['lib/billing/probe.ts', `import { x } from '@/db/schema';`],
    ['lib/billing/probe.test.ts', `import { x } from '@/app/api/webhooks/dodo/route';`],
    ['db/probe.ts', `import { x } from '@/lib/env';`],
  ])('%s may %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport const y = x;\n`)).toEqual([]);
  });
});
