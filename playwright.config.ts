import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/support/browser';

const executablePath = findChromium();
const launchOptions = { executablePath, args: CHROMIUM_ARGS };

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: {
    timeout: 15_000,
    // Baselines come from Debian's Chromium on Linux; another build's anti-aliasing differs by a few pixels.
    toHaveScreenshot: { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide' },
  },
  // One set of baselines, named by test and project (not by platform): CI on Linux compares against them.
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFileName}/{arg}-{projectName}{ext}',
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
    // The launch checklist and the accessibility checks also run on a phone-sized screen.
    { name: 'mobile', testMatch: /(checklist|accessibility)\.spec\.ts/, use: { ...devices['Pixel 7'], launchOptions } },
  ],
});
