// `npm run lighthouse`: a production build on a throwaway stack, then Lighthouse (mobile, its default
// throttling) on / and /pricing with the system Chromium; prints the four category scores as a table.
import { spawnSync } from 'node:child_process';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { findChromium } from '../e2e/support/browser';
import { readEnv } from '../lib/env';
import { startNextServer } from './lib/next-server';
import { freePort } from './lib/ports';
import { startStack } from './lib/stack';

const PAGES = ['/', '/pricing'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

async function main() {
  if (!readEnv(['LIGHTHOUSE_SKIP_BUILD']).LIGHTHOUSE_SKIP_BUILD) {
    const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const stack = await startStack({ appUrl });
  const app = await startNextServer({ port, env: { LOG_LEVEL: 'warn', ...process.env, ...stack.env }, quiet: true });
  const chrome = await chromeLauncher.launch({ chromePath: findChromium(), chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const rows: string[] = [];
  const failed: string[] = [];
  const timings: string[] = [];
  try {
    for (const path of PAGES) {
      await fetch(`${appUrl}${path}`); // warm the server: the first render compiles nothing, but fills caches
      const result = await lighthouse(`${appUrl}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const scores = CATEGORIES.map((c) => Math.round((result.lhr.categories[c]?.score ?? 0) * 100));
      rows.push(`| \`${path}\` | ${scores.join(' | ')} |`);
      // Where performance points go: the metrics the score is made of.
      timings.push(`${path}: ${METRICS.map((id) => `${result.lhr.audits[id]?.title} ${result.lhr.audits[id]?.displayValue ?? '?'}`).join(', ')}`);
      // What cost points outside performance (whose score moves with the machine's load): audits to fix.
      for (const category of CATEGORIES.filter((c) => c !== 'performance')) {
        for (const ref of result.lhr.categories[category]?.auditRefs ?? []) {
          const audit = result.lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) failed.push(`${path} ${category}: ${audit.id} (${audit.title})`);
        }
      }
    }
  } finally {
    chrome.kill();
    await app.stop();
    await stack.stop();
  }
  console.log(['| page | performance | accessibility | best practices | SEO |', '|---|---|---|---|---|', ...rows].join('\n'));
  console.log(['', ...timings].join('\n'));
  if (failed.length) console.log(['', 'Failed audits:', ...failed].join('\n'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
