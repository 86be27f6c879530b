// The route table: every call of the SDK is either emulated or a 501 on its own route, and the table matches the SDK.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_API_KEY } from '../src/server';
import { SDK_ENDPOINTS } from '../src/sdk-endpoints';
import { harnessForFile } from './harness';

/** Reads `this._client.get(path\`/x/${id}\`)`-style calls out of the SDK's compiled resources. */
function endpointsInSdkSources(): string[] {
  const resources = path.join(path.dirname(createRequire(import.meta.url).resolve('dodopayments')), 'resources');
  const found = new Set<string>();
  const call = /_client\.(get|post|patch|put|delete|getAPIList)\(((?:\(0, path_1\.path\) )?`[^`]*`|'[^']*')/g;
  for (const file of fs.readdirSync(resources, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
    for (const [, method, raw] of fs.readFileSync(path.join(resources, file), 'utf8').matchAll(call)) {
      const pattern = raw.replace('(0, path_1.path) ', '').replace(/[`']/g, '').replace(/\$\{[^}]+\}/g, ':id');
      found.add(`${method === 'getAPIList' ? 'GET' : method.toUpperCase()} ${pattern}`);
    }
  }
  return [...found].sort();
}

const h = harnessForFile();

describe('the SDK route table', () => {
  it('lists exactly the calls of the installed SDK', () => {
    expect(SDK_ENDPOINTS.map(([method, pattern]) => `${method} ${pattern}`).sort()).toEqual(endpointsInSdkSources());
  });

  it('answers every call: emulated ones never 501, the rest 501 NOT_IMPLEMENTED naming the path', async () => {
    const notEmulated: string[] = [];
    for (const [method, pattern] of SDK_ENDPOINTS) {
      const url = `${h.sandbox.url}${pattern.replaceAll(':id', 'x_unknown0000000000000000')}`;
      const response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${DEFAULT_SANDBOX_API_KEY}`, 'content-type': 'application/json' },
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      });
      const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
      if (response.status === 501) {
        expect(body).toEqual({ code: 'NOT_IMPLEMENTED', message: `${method} ${new URL(url).pathname} is not implemented by the sandbox` });
        notEmulated.push(`${method} ${pattern}`);
      } else {
        expect(body?.code, `${method} ${pattern} answered ${response.status}`).not.toBe('NOT_IMPLEMENTED');
      }
    }
    console.log(`[sandbox] SDK calls: ${SDK_ENDPOINTS.length - notEmulated.length} emulated, ${notEmulated.length} answer 501`);
    expect(notEmulated).not.toContain('GET /products/:id');
    expect(notEmulated).toContain('GET /products/short_links');
  });
});
