// `npm run sandbox`: the sandbox as its own server (port 8787 unless SANDBOX_PORT says otherwise).
import { DEFAULT_SANDBOX_API_KEY, startSandbox } from './server';

const sandbox = await startSandbox({
  port: Number(process.env.SANDBOX_PORT ?? 8787),
  host: process.env.SANDBOX_HOST ?? '127.0.0.1',
  apiKey: process.env.SANDBOX_API_KEY ?? DEFAULT_SANDBOX_API_KEY,
  webhookUrl: process.env.SANDBOX_WEBHOOK_URL,
  webhookSecret: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
  checkoutBaseUrl: process.env.SANDBOX_CHECKOUT_BASE_URL,
  timeFactor: process.env.SANDBOX_TIME_FACTOR ? Number(process.env.SANDBOX_TIME_FACTOR) : undefined,
  stateFile: process.env.SANDBOX_STATE_FILE ?? '.data/sandbox-state.json',
  log: (line) => console.log(`[sandbox] ${line}`),
});
console.log(`[sandbox] listening on ${sandbox.url}`);
if (process.env.SANDBOX_WEBHOOK_URL && !process.env.DODO_PAYMENTS_WEBHOOK_KEY) {
  console.log(`[sandbox] webhooks to ${process.env.SANDBOX_WEBHOOK_URL} are signed with the generated secret ${sandbox.webhookSecret}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void sandbox.stop().then(() => process.exit(0));
  });
}
