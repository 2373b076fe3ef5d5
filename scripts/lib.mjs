// Shared by start.mjs, test.mjs and dev.mjs: find pnpm, install and build only when needed.
// Node built-ins only: this runs on a fresh clone before anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { constants } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '12.21.0';

const isWindows = process.platform === 'win32';
const WORKSPACE_PACKAGES = ['shared', 'server', 'web', 'tests'];

/** Build outputs that `node server/dist/main.js` needs. */
export const BUILD_OUTPUTS = ['server/dist/main.js', 'web/build/handler.js'];

/** Everything the build reads: sources, static assets, configs and the dependency set. */
const BUILD_INPUTS = [
  'shared/src',
  'server/src',
  'web/src',
  'web/static',
  'web/messages',
  // Not web/project.inlang/settings.json: the inlang SDK rewrites it (same content) whenever it
  // loads the project, as `pnpm check` does, which would make every check look like a change.
  'web/i18n-build.js',
  'package.json',
  'pnpm-lock.yaml',
  'shared/package.json',
  'shared/tsconfig.json',
  'server/package.json',
  'server/tsconfig.json',
  'server/build.mjs',
  'web/package.json',
  'web/tsconfig.json',
  'web/svelte.config.js',
  'web/vite.config.ts',
];

export function say(message) {
  console.log(message);
}

let pnpm;

/**
 * The command that runs pnpm: `pnpm` when the right major is on PATH, otherwise
 * `npx --yes pnpm@<pinned>` (npx puts pnpm on PATH for the scripts it runs, so the
 * root scripts that call `pnpm` themselves keep working).
 */
export function pnpmCommand() {
  if (pnpm) return pnpm;
  const probe = spawnSync('pnpm', ['--version'], {
    cwd: ROOT,
    encoding: 'utf8',
    shell: isWindows,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const found = probe.status === 0 ? probe.stdout.trim() : undefined;
  if (found && found.split('.')[0] === PNPM_VERSION.split('.')[0]) {
    pnpm = { command: 'pnpm', prefix: [] };
  } else {
    say(
      found
        ? `pnpm ${found} is on PATH but this repository needs pnpm ${PNPM_VERSION}: using npx.`
        : `pnpm is not on PATH: using npx --yes pnpm@${PNPM_VERSION}.`,
    );
    pnpm = { command: 'npx', prefix: ['--yes', `pnpm@${PNPM_VERSION}`] };
  }
  return pnpm;
}

/** Exit code of a finished child, with the shell's 128+n convention for signals. */
export function exitCodeOf(code, signal) {
  if (code !== null) return code;
  return 128 + (constants.signals[signal] ?? 1);
}

/** Runs a command in the repository root with inherited stdio; resolves to its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: 'inherit',
      shell: isWindows,
      ...options,
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(exitCodeOf(code, signal)));
  });
}

/** Runs `pnpm <args>` (or its npx stand-in). */
export function runPnpm(args, options) {
  const { command, prefix } = pnpmCommand();
  return run(command, [...prefix, ...args], options);
}

/** Runs `pnpm <args>` and exits this process with its code if it fails. */
export async function pnpmOrExit(args) {
  const code = await runPnpm(args);
  if (code !== 0) process.exit(code);
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function sameContent(a, b) {
  try {
    return readFileSync(a).equals(readFileSync(b));
  } catch {
    return false;
  }
}

/** Why `pnpm install` is needed, or undefined when node_modules matches pnpm-lock.yaml. */
export function installReason() {
  const lockfile = join(ROOT, 'pnpm-lock.yaml');
  // pnpm keeps a copy of the lockfile it last installed from here.
  const installed = join(ROOT, 'node_modules/.pnpm/lock.yaml');
  if (!existsSync(join(ROOT, 'node_modules/.modules.yaml')) || !existsSync(installed)) {
    return 'node_modules is missing';
  }
  for (const pkg of WORKSPACE_PACKAGES) {
    const manifest = join(ROOT, pkg, 'package.json');
    if (!existsSync(manifest)) continue;
    const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
    const hasDeps = Object.keys({ ...dependencies, ...devDependencies }).length > 0;
    if (hasDeps && !existsSync(join(ROOT, pkg, 'node_modules'))) {
      return `${pkg}/node_modules is missing`;
    }
  }
  // A newer lockfile only matters when its content differs (a checkout also touches files).
  if (mtime(lockfile) > mtime(installed) && !sameContent(lockfile, installed)) {
    return 'pnpm-lock.yaml changed';
  }
  return undefined;
}

export async function ensureInstalled() {
  const reason = installReason();
  if (!reason) return;
  say(`Installing dependencies… (${reason})`);
  await pnpmOrExit(['install', '--frozen-lockfile']);
}

/**
 * Directories never walked for build inputs: installed packages, SvelteKit's own output, and the
 * message modules Paraglide writes during the build from web/messages (which is not walked: a
 * message change shows in web/src's compiled modules only after a build, so web/messages is an
 * input below).
 */
const NOT_INPUTS = new Set(['node_modules', '.svelte-kit', 'paraglide', 'paraglide-locales']);

/** The newest file under the given paths (directories are walked, generated ones skipped). */
function newestFile(paths, root) {
  let newest = { path: undefined, mtime: -Infinity };
  const visit = (path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (NOT_INPUTS.has(entry)) continue;
        visit(join(path, entry));
      }
    } else if (stats.mtimeMs > newest.mtime) {
      newest = { path, mtime: stats.mtimeMs };
    }
  };
  for (const path of paths) visit(join(root, path));
  return newest;
}

/** Why `pnpm build` is needed, or undefined when both outputs are newer than every input. */
export function buildReason(root = ROOT) {
  const outputTimes = BUILD_OUTPUTS.map((output) => mtime(join(root, output)));
  const missing = BUILD_OUTPUTS.find((_, i) => outputTimes[i] === undefined);
  if (missing) return `${missing} is missing`;
  const newest = newestFile(BUILD_INPUTS, root);
  if (newest.mtime > Math.min(...outputTimes)) {
    return `${relative(root, newest.path)} changed`;
  }
  return undefined;
}

const BUILD_LOCK = join(ROOT, 'node_modules/.plenary-build.lock');

function lockHolder(lock) {
  try {
    return Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Holds the build lock while `work` runs: two commands started at once in one checkout (`npm
 * start` in one terminal, `npm test` or `pnpm bench` in another) would otherwise build into the
 * same folders together and break both. A lock left by a process that died is taken over.
 */
export async function withBuildLock(work, lock = BUILD_LOCK) {
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = lockHolder(lock);
      if (holder !== undefined && !alive(holder)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!told) say('Waiting for another build of this checkout to finish…');
      told = true;
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds when an input is newer than the outputs; one build at a time per checkout. */
export async function ensureBuilt() {
  if (!buildReason()) return;
  await withBuildLock(async () => {
    // Another command may have built while this one waited.
    const reason = buildReason();
    if (!reason) return;
    say(`Building… (${reason})`);
    const startedAt = new Date();
    await pnpmOrExit(['build']);
    for (const output of BUILD_OUTPUTS) {
      const file = join(ROOT, output);
      if (!existsSync(file)) {
        console.error(`The build finished but ${output} is missing.`);
        process.exit(1);
      }
      // Stamp outputs with the build's start, so a tool that skips unchanged files does not
      // cause a rebuild every time, while a source edited during the build still does.
      utimesSync(file, startedAt, startedAt);
    }
  });
}
