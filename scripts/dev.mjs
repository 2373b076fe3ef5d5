// `pnpm dev`: the API server (tsx watch, :3000) and the SvelteKit dev server (vite, :5173,
// proxying /api, /socket.io and /yjs to :3000) side by side. Stopping this stops both.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ensureInstalled, exitCodeOf, pnpmCommand, ROOT } from './lib.mjs';

const isWindows = process.platform === 'win32';

await ensureInstalled();

const { command, prefix } = pnpmCommand();
const color = process.stdout.isTTY ? { FORCE_COLOR: '1' } : {};
const children = [];
let stopping = false;

function start(label, filter) {
  const child = spawn(command, [...prefix, '--filter', filter, 'dev'], {
    cwd: ROOT,
    env: { ...process.env, ...color },
    shell: isWindows,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    const out = stream === child.stdout ? process.stdout : process.stderr;
    createInterface({ input: stream }).on('line', (line) => out.write(`[${label}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${label}] exited (${signal ?? code}); stopping the other one.`);
      void stop(exitCodeOf(code, signal) || 1);
    }
  });
  children.push(child);
}

/** Every process below pid, found before anything is killed (orphans lose their parent link). */
function descendants(pid) {
  const ps = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const childrenOf = new Map();
  for (const line of (ps.stdout ?? '').split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child) continue;
    if (!childrenOf.has(parent)) childrenOf.set(parent, []);
    childrenOf.get(parent).push(child);
  }
  const found = [];
  for (let i = -1, next = pid; next !== undefined; next = found[++i]) {
    found.push(...(childrenOf.get(next) ?? []));
  }
  return found;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // An orphan nobody reaps (a container without an init) lingers as a zombie: that is gone.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function kill(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * pnpm passes a SIGTERM on to its script (sh → tsx/vite → node), which lets the server close
 * cleanly; whatever is still running after a grace period is killed, since killing only a
 * wrapper can leave the real server running.
 */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (isWindows) {
    for (const child of children) {
      if (child.pid) spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F']);
    }
    process.exit(code);
  }
  const pnpmPids = children.map((child) => child.pid).filter((pid) => pid !== undefined);
  const tree = [...pnpmPids, ...pnpmPids.flatMap(descendants)];
  for (const pid of pnpmPids) kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && tree.some(isAlive)) await sleep(100);
  for (const pid of tree.filter(isAlive)) kill(pid, 'SIGKILL');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => void stop(0));
}
// If this process dies some other way (an uncaught error), still take the servers down.
process.on('exit', () => {
  if (stopping) return;
  for (const child of children) {
    if (child.pid === undefined) continue;
    for (const pid of [child.pid, ...descendants(child.pid)]) kill(pid, 'SIGTERM');
  }
});

start('server', '@plenary/server');
start('web', '@plenary/web');
