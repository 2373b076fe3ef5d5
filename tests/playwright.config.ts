import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { mapVenueHostToLoopback, VENUE_HOST } from './e2e/venue-host';

// The production build (server/dist/main.js serving web/build) on its own port and a fresh,
// empty data directory for every run. `pnpm test` builds first when sources changed.
const port = Number(process.env.E2E_PORT ?? 3917);
// Plain http through a name that is not localhost: not a secure context, as at a venue.
const host = process.env.E2E_HOST ?? VENUE_HOST;
mapVenueHostToLoopback(host);
const baseURL = `http://${host}:${port}`;
// Workers load this file again and inherit the runner's environment: one directory per run.
const dataDir = (process.env.PLENARY_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'plenary-e2e-')));

// Debian's Chromium in CI; Playwright's own browsers where that is missing (a laptop).
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  // One folder per snapshot: Playwright empties it at start, which would pull traces from under
  // another run in the same checkout.
  outputDir: `./artifacts/test-results${process.env.E2E_BUILD ? `-${process.env.E2E_BUILD}` : ''}`,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // Tests wait for states, never for a time: generous limits cost nothing when a test passes, and
  // keep a machine busy with other work (2 cores, a benchmark beside the suite) from failing it.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: existsSync(chromium) ? chromium : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--host-resolver-rules=MAP ${VENUE_HOST} 127.0.0.1`,
      ],
    },
  },
  webServer: {
    // E2E_BUILD=<name> runs a private copy made by `scripts/snapshot-build.sh <name>`, so a
    // rebuild elsewhere in the checkout cannot pull files from under a running test.
    command: process.env.E2E_BUILD
      ? `node ../server/.snap-${process.env.E2E_BUILD}/main.js`
      : 'node ../server/dist/main.js',
    url: `http://127.0.0.1:${port}/api/health`,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // The whole suite creates and restores its workshops from one address, within minutes.
      WORKSHOPS_PER_MINUTE: '1000',
      ALLOWED_HOSTS: VENUE_HOST,
      ...(process.env.E2E_BUILD ? { WEB_BUILD_DIR: `../web/.snap-${process.env.E2E_BUILD}` } : {}),
    },
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
