// `dodo-sandbox [--port 8787] [--webhook-url …]`: the sandbox as its own server. Flags win over SANDBOX_* variables.
import { parseArgs } from 'node:util';
import { DEFAULT_SANDBOX_API_KEY, startSandbox } from './server';

const USAGE = `Usage: dodo-sandbox [options]

  --port <n>               port (SANDBOX_PORT, default 8787; 0 picks a free one)
  --host <addr>            interface (SANDBOX_HOST, default 127.0.0.1)
  --api-key <key>          bearer token API calls must carry (SANDBOX_API_KEY, default ${DEFAULT_SANDBOX_API_KEY})
  --webhook-url <url>      endpoint that receives every event (SANDBOX_WEBHOOK_URL)
  --webhook-secret <whsec> its signing secret (DODO_PAYMENTS_WEBHOOK_KEY; generated and printed when absent)
  --checkout-base-url <u>  host of checkout_url (SANDBOX_CHECKOUT_BASE_URL, default the sandbox's own URL)
  --time-factor <x>        multiplies webhook retry delays (SANDBOX_TIME_FACTOR, default 1)
  --state-file <path>      JSON file the state is kept in (SANDBOX_STATE_FILE; in memory when absent)
  --help                   this text`;

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'api-key': { type: 'string' },
    'webhook-url': { type: 'string' },
    'webhook-secret': { type: 'string' },
    'checkout-base-url': { type: 'string' },
    'time-factor': { type: 'string' },
    'state-file': { type: 'string' },
    help: { type: 'boolean' },
  },
});

if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}

const env = process.env;
const port = Number(flags.port ?? env.SANDBOX_PORT ?? 8787);
const timeFactorText = flags['time-factor'] ?? env.SANDBOX_TIME_FACTOR;
const timeFactor = timeFactorText === undefined ? undefined : Number(timeFactorText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`dodo-sandbox: --port must be 0..65535\n\n${USAGE}`);
  process.exit(2);
}
if (timeFactor !== undefined && !(timeFactor > 0)) {
  console.error(`dodo-sandbox: --time-factor must be a positive number\n\n${USAGE}`);
  process.exit(2);
}
const webhookUrl = flags['webhook-url'] ?? env.SANDBOX_WEBHOOK_URL;
const givenSecret = flags['webhook-secret'] ?? env.DODO_PAYMENTS_WEBHOOK_KEY;

const sandbox = await startSandbox({
  port,
  host: flags.host ?? env.SANDBOX_HOST ?? '127.0.0.1',
  apiKey: flags['api-key'] ?? env.SANDBOX_API_KEY ?? DEFAULT_SANDBOX_API_KEY,
  webhookUrl,
  webhookSecret: givenSecret,
  checkoutBaseUrl: flags['checkout-base-url'] ?? env.SANDBOX_CHECKOUT_BASE_URL,
  timeFactor,
  stateFile: flags['state-file'] ?? env.SANDBOX_STATE_FILE,
  log: (line) => console.log(`[sandbox] ${line}`),
});
console.log(`[sandbox] listening on ${sandbox.url}`);
if (webhookUrl && !givenSecret) console.log(`[sandbox] webhooks to ${webhookUrl} are signed with the generated secret ${sandbox.webhookSecret}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void sandbox.stop().then(() => process.exit(0));
  });
}
