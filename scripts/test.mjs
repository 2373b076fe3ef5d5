// `pnpm test` / `npm test`: install and build when needed, then vitest (unit and integration
// projects) and Playwright, stopping at the first failure.
//   --unit   vitest only (no build: it runs the TypeScript sources)
//   --e2e    Playwright only
// Any other arguments go to the one runner selected, e.g. `pnpm test --unit tests/unit/poll.test.ts`.
import { ensureBuilt, ensureInstalled, runPnpm } from './lib.mjs';
import { ensureTestDeps } from './test-deps.mjs';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const unitOnly = args.includes('--unit');
const e2eOnly = args.includes('--e2e');
const extra = args.filter((arg) => arg !== '--unit' && arg !== '--e2e');
const runUnit = unitOnly || !e2eOnly;
const runE2e = e2eOnly || !unitOnly;

if (extra.length > 0 && runUnit && runE2e) {
  console.error(`Pass --unit or --e2e to choose which runner gets: ${extra.join(' ')}`);
  process.exit(2);
}

async function step(args) {
  const code = await runPnpm(args);
  if (code !== 0) process.exit(code);
}

await ensureInstalled();
// Chromium for Playwright, redis-server for the multi-process integration tests.
await ensureTestDeps({ browser: runE2e, redis: runUnit });
if (runE2e) await ensureBuilt();
// The heavy reliability project runs with `pnpm test:reliability` (CI runs both).
if (runUnit)
  await step(['exec', 'vitest', 'run', '--project', 'unit', '--project', 'integration', ...extra]);
if (runE2e)
  await step(['exec', 'playwright', 'test', '-c', 'tests/playwright.config.ts', ...extra]);
