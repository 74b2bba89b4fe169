// Browser tests: the production build served by `npm start` on its own embedded database, driven in the
// system's Chromium (Playwright cannot download browsers here).
import fs from 'node:fs';
import { defineConfig } from '@playwright/test';
import { env, testPort } from './lib/env';

export const E2E = { port: testPort(3100), pgPort: testPort(54337), dataDir: '.data/e2e', dossiers: 30_000 } as const;

const chromium = env.CHROMIUM_PATH;
if (!fs.existsSync(chromium)) {
  throw new Error(
    `Chromium was not found at ${chromium}. The browser tests need it: install it with ` +
    '`sudo apt-get install chromium` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium/Chrome binary. See README.md, "Tests".',
  );
}

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${E2E.port}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: 'npx tsx tests/e2e/server.ts',
    url: `http://localhost:${E2E.port}`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      TTHC_DATA_DIR: E2E.dataDir,
      PG_PORT: String(E2E.pgPort),
      PORT: String(E2E.port),
      SEED_DOSSIERS: String(E2E.dossiers),
    },
  },
});
