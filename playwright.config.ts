// Browser tests: the production build served by `npm start` on its own embedded database, driven in Chromium: the
// system's when CHROMIUM_PATH names one, else the one the @sparticuz/chromium package ships (Playwright cannot download
// browsers here).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type LaunchOptions } from '@playwright/test';
import { env, testPort } from './lib/env';

export const E2E = { port: testPort(3100), pgPort: testPort(54337), dataDir: '.data/e2e', dossiers: 30_000 } as const;
/** A second server on the demo `npm start` loads, new Quảng Ngãi across the 2025 reorganisation (tests/e2e/units-2025.spec.ts). */
export const E2E_2025 = { port: testPort(3110), pgPort: testPort(54347), dataDir: '.data/e2e-2025', dossiers: 30_000 } as const;
/**
 * A national instance (TTHC_MODE=national, tests/e2e/national.spec.ts) over two small provinces on their own embedded
 * servers (ports in tests/e2e/national-server.ts).
 */
export const E2E_NATIONAL = { port: testPort(3120), pgPort: testPort(54357), dataDir: '.data/e2e-national' } as const;

/**
 * The Chromium of @sparticuz/chromium (Linux x64), unpacked once per version and user (about 1.5 s) into the system's
 * temporary directory: into a fresh directory that is then renamed, so a run stopped half-way leaves no broken binary.
 * Its fonts are the DejaVu of tests/e2e/fonts.conf, none of the system's. The package's own `args` are not used: they
 * are for AWS Lambda (one process, web security off) and would switch off what the security tests check.
 */
async function npmChromium(): Promise<LaunchOptions> {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('it is built for Linux x64 only');
  const { default: chromium } = await import('@sparticuz/chromium');
  const packageDir = path.resolve(fileURLToPath(import.meta.resolve('@sparticuz/chromium')), '../../..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(os.tmpdir(), `tthc-chromium-${version}-${os.userInfo().uid}`);
  if (!fs.existsSync(path.join(dir, 'chromium'))) {
    const fresh = fs.mkdtempSync(`${dir}.`);
    const tmpdir = process.env.TMPDIR;
    // The package unpacks into os.tmpdir(), which reads TMPDIR at the call: not configuration, the package's only way.
    // eslint-disable-next-line no-restricted-syntax
    process.env.TMPDIR = fresh;
    try {
      await chromium.executablePath();
    } catch (error) {
      fs.rmSync(fresh, { recursive: true, force: true });
      throw error;
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      // eslint-disable-next-line no-restricted-syntax
      else process.env.TMPDIR = tmpdir;
    }
    try {
      fs.renameSync(fresh, dir);
    } catch {
      fs.rmSync(fresh, { recursive: true, force: true }); // another run unpacked it first
    }
  }
  return {
    executablePath: path.join(dir, 'chromium'),
    // Playwright gives the browser only this environment when one is set.
    env: { ...process.env, FONTCONFIG_FILE: fileURLToPath(new URL('tests/e2e/fonts.conf', import.meta.url)) },
  };
}

async function browser(): Promise<LaunchOptions> {
  if (fs.existsSync(env.CHROMIUM_PATH)) return { executablePath: env.CHROMIUM_PATH };
  try {
    return await npmChromium();
  } catch (error) {
    throw new Error(
      `Chromium was not found at ${env.CHROMIUM_PATH}, and the one of the @sparticuz/chromium package is not usable ` +
        `(${error instanceof Error ? error.message : String(error)}). The browser tests need one: run \`npm install\`, ` +
        'or set CHROMIUM_PATH to a Chromium/Chrome binary. See README.md, "Tests".',
    );
  }
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
      ...(await browser()),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // Started one after the other: the first builds the app, the second finds the build and only serves it.
  webServer: [
    {
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
        // Most journeys were written on old Kon Tum's three levels; new Quảng Ngãi's are in units-2025.spec.ts.
        TTHC_DEMO: 'kon-tum-2024',
      },
    },
    {
      command: 'npx tsx tests/e2e/server.ts',
      url: `http://localhost:${E2E_2025.port}`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        TTHC_DATA_DIR: E2E_2025.dataDir,
        PG_PORT: String(E2E_2025.pgPort),
        PORT: String(E2E_2025.port),
        SEED_DOSSIERS: String(E2E_2025.dossiers),
        TTHC_DEMO: 'quang-ngai-2025',
      },
    },
    {
      command: 'npx tsx --conditions=react-server tests/e2e/national-server.ts',
      url: `http://localhost:${E2E_NATIONAL.port}/login`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        TTHC_DATA_DIR: E2E_NATIONAL.dataDir,
        PG_PORT: String(E2E_NATIONAL.pgPort),
        PORT: String(E2E_NATIONAL.port),
        TTHC_MODE: 'national',
      },
    },
  ],
});
