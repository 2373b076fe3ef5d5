import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoDir } from './paths.js';
import type { Build } from './server.js';

/**
 * The production build to measure. `BENCH_BUILD=NAME` uses the snapshot made by
 * `scripts/snapshot-build.sh NAME` (server/.snap-NAME, web/.snap-NAME) as it is; otherwise the
 * normal build, rebuilt first when it is missing or older than its sources (scripts/lib.mjs).
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
  const built = existsSync(build.mainJs) && existsSync(join(build.webDir, 'handler.js'));
  // The same check (and build lock) as `npm start` and `npm test`: scripts/lib.mjs.
  const run = spawnSync(process.execPath, [resolve(repoDir, 'scripts/ensure-built.mjs')], {
    cwd: repoDir,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    if (!built) throw new Error('pnpm build failed');
    log('pnpm build failed: measuring the previous build');
  }
  return build;
}
