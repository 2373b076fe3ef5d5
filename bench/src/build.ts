import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoDir } from './paths.js';
import type { Build } from './server.js';

function newest(dir: string): number {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * The production build to measure. `BENCH_BUILD=NAME` uses the snapshot made by
 * `scripts/snapshot-build.sh NAME` (server/.snap-NAME, web/.snap-NAME) as it is; otherwise the
 * normal build, rebuilt first (`pnpm build`) when it is missing or older than its sources.
 */
export function resolveBuild(log: (line: string) => void): Build {
  const snapshot = process.env.BENCH_BUILD;
  if (snapshot) {
    const build = {
      mainJs: resolve(repoDir, `server/.snap-${snapshot}/main.js`),
      webDir: resolve(repoDir, `web/.snap-${snapshot}`),
    };
    if (!existsSync(build.mainJs))
      throw new Error(`no snapshot ${snapshot}: run scripts/snapshot-build.sh ${snapshot}`);
    return build;
  }
  const build = {
    mainJs: resolve(repoDir, 'server/dist/main.js'),
    webDir: resolve(repoDir, 'web/build'),
  };
  const builtAt = existsSync(build.mainJs) ? statSync(build.mainJs).mtimeMs : 0;
  const webBuiltAt = existsSync(join(build.webDir, 'handler.js'))
    ? statSync(join(build.webDir, 'handler.js')).mtimeMs
    : 0;
  const sources = Math.max(
    newest(resolve(repoDir, 'server/src')),
    newest(resolve(repoDir, 'shared/src')),
  );
  const webSources = Math.max(sources, newest(resolve(repoDir, 'web/src')));
  if (builtAt >= sources && webBuiltAt >= webSources) return build;
  log(builtAt ? 'the build is older than its sources: pnpm build' : 'no build yet: pnpm build');
  const run = spawnSync('pnpm', ['build'], { cwd: repoDir, stdio: 'inherit' });
  if (run.status !== 0) {
    if (!builtAt || !webBuiltAt) throw new Error('pnpm build failed');
    log('pnpm build failed: measuring the previous build');
  }
  return build;
}
