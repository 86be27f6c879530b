import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { PURCHASE_PATH, warmPurchasePath } from './warm-up';

const requested: string[] = [];
// Stands in for `next dev`: answers like the real routes would to an anonymous caller.
const server = createServer((req, res) => {
  requested.push(`${req.method} ${req.url}`);
  const status = req.url === '/api/health' ? 200 : req.url === '/api/webhooks/dodo' ? 405 : req.url?.startsWith('/api/') ? 401 : 307;
  res.writeHead(status, status === 307 ? { location: '/sign-in' } : {}).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise((resolve) => server.close(resolve)));

it('requests every route of the purchase path once, with GET (no webhook delivery is recorded), whatever they answer', async () => {
  const lines: string[] = [];
  await warmPurchasePath(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, (line) => lines.push(line));
  expect(requested).toEqual(['GET /api/health', ...PURCHASE_PATH.map((path) => `GET ${path}`)]);
  expect(PURCHASE_PATH).toEqual(expect.arrayContaining(['/pricing', '/api/webhooks/dodo', '/checkout/return', '/api/orders/warm-up']));
  expect(lines).toEqual([expect.stringMatching(/^purchase path compiled in \d+\.\d s/)]);
});
