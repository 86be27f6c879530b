// The offline Dodo Payments sandbox. (Stub: answers 501 for every path until the sandbox issue lands.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const DEFAULT_SANDBOX_API_KEY = 'sandbox_sk_test_0000000000000000';

export type SandboxOptions = {
  port?: number;
  host?: string;
  apiKey?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  stateFile?: string;
  timeFactor?: number;
  log?: (line: string) => void;
};

export type RunningSandbox = { url: string; port: number; stop: () => Promise<void> };

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const server = http.createServer((req, res) => {
    if (req.url === '/sandbox/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
      return;
    }
    res
      .writeHead(501, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: 'NOT_IMPLEMENTED', message: `${req.method} ${req.url} is not implemented by the sandbox` }));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
