// The Docker images' file lists, proven without Docker: each final stage of the Dockerfile is rebuilt
// as a folder holding only what its COPY lines copy, and started from there. The web image must serve
// pages, static files and the health check, and refuse to serve an unmigrated database; the worker
// image must run the release step and a worker. (Its node_modules are the project's, dev packages
// included: the `npm ci --omit=dev` stage itself is what Docker proves.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from '../../scripts/lib/ports';
import { startNextServer } from '../../scripts/lib/next-server';
import { generateWebhookSecret, startStack, type Stack } from '../../scripts/lib/stack';

type Copy = { from: string; source: string; target: string };

/** The `COPY --from=<stage> /app/<source> <target>` lines of one stage of the Dockerfile. */
function copiesOfStage(stage: string): Copy[] {
  const lines = readFileSync('Dockerfile', 'utf8').split('\n');
  const start = lines.findIndex((l) => new RegExp(`^FROM .* AS ${stage}$`).test(l));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('FROM '));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .map((l) => /^COPY --from=(\S+) (?:--chown=\S+ )?\/app\/(\S+) (\S+)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, from, source, target]) => ({ from, source, target }));
}

/** A folder like the image's /app: the build's files copied, prod-deps' node_modules linked. */
function imageFolder(stage: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `dodo-image-${stage}-`));
  for (const copy of copiesOfStage(stage)) {
    const target = path.join(dir, copy.target);
    if (copy.from === 'prod-deps') symlinkSync(path.resolve(copy.source), target);
    else cpSync(copy.source, copy.target === './' ? dir : target, { recursive: true });
  }
  return dir;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv, until?: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (until && output.includes(until)) child.kill('SIGTERM');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('close', (code) => resolve({ code, output }));
  });
}

let stack: Stack;
const folders: string[] = [];
beforeAll(async () => {
  stack = await startStack({
    appUrl: 'http://127.0.0.1:9',
    given: {},
    defaults: { webhookSecret: generateWebhookSecret(), authSecret: randomBytes(32).toString('base64') },
  });
});
afterAll(async () => {
  await stack?.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('the Dockerfile', () => {
  it('web: the standalone server serves pages, static files and the health check from only the copied files', async () => {
    expect(copiesOfStage('web').map((c) => c.source)).toEqual(['.next/standalone', '.next/static', 'public']);
    const dir = imageFolder('web');
    folders.push(dir);
    const app = await startNextServer({ port: await freePort(), env: { ...process.env, ...stack.env, LOG_LEVEL: 'warn' }, quiet: true, entry: path.join(dir, 'server.js') });
    try {
      const pricing = await fetch(`${app.url}/pricing`);
      const html = await pricing.text();
      expect(pricing.status).toBe(200);
      const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
      expect(asset).toBeDefined();
      expect((await fetch(`${app.url}${asset}`)).status).toBe(200);
      expect((await fetch(`${app.url}/robots.txt`)).status).toBe(200);
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('web: refuses to serve a database whose migrations are pending', async () => {
    const dir = folders[0] ?? imageFolder('web');
    const admin = postgres(stack.env.DATABASE_URL, { max: 1 });
    const name = `unmigrated_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    try {
      const url = Object.assign(new URL(stack.env.DATABASE_URL), { pathname: `/${name}` }).toString();
      const result = await run([path.join(dir, 'server.js')], dir, { ...process.env, ...stack.env, DATABASE_URL: url, NODE_ENV: 'production' as const, PORT: String(await freePort()), HOSTNAME: '127.0.0.1' });
      expect(result.code).toBe(1);
      expect(result.output).toContain('refusing to serve: migrations pending');
    } finally {
      await admin.unsafe(`drop database ${name} with (force)`);
      await admin.end();
    }
  });

  it('worker: runs the release step and a worker from only the copied files', async () => {
    const dir = imageFolder('worker');
    folders.push(dir);
    const env = { ...process.env, ...stack.env, NODE_ENV: 'production' as const };
    const migrate = await run(['--import', 'tsx', 'scripts/migrate.ts'], dir, env);
    expect(migrate, migrate.output).toMatchObject({ code: 0 });
    const worker = await run(['--import', 'tsx', 'scripts/worker.ts'], dir, env, '[worker] running');
    expect(worker.output).toContain('[worker] running');
    expect(worker.code).toBe(0);
  });
});
