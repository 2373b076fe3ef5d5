// scripts/lib.mjs: when `npm start`, `npm test` and `pnpm bench` rebuild, and that two of them
// started together in one checkout build one at a time.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types (it must run before anything is installed)
import { buildReason, withBuildLock } from '../../scripts/lib.mjs';

function file(root: string, path: string, secondsAgo: number) {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, 'x');
  const at = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(full, at, at);
}

function checkout() {
  const root = mkdtempSync(join(tmpdir(), 'plenary-build-check-'));
  file(root, 'web/src/routes/+page.svelte', 100);
  file(root, 'web/messages/en.json', 100);
  file(root, 'server/src/main.ts', 100);
  file(root, 'server/dist/main.js', 50);
  file(root, 'web/build/handler.js', 50);
  return root;
}

describe('buildReason', () => {
  it('is satisfied when the outputs are newer than every source', () => {
    expect(buildReason(checkout())).toBeUndefined();
  });

  it('asks for a build when an output is missing or a source is newer', () => {
    const missing = mkdtempSync(join(tmpdir(), 'plenary-build-check-'));
    file(missing, 'server/dist/main.js', 0);
    expect(buildReason(missing)).toBe('web/build/handler.js is missing');
    const edited = checkout();
    file(edited, 'server/src/main.ts', 10);
    expect(buildReason(edited)).toBe('server/src/main.ts changed');
    const message = checkout();
    file(message, 'web/messages/th.json', 10);
    expect(buildReason(message)).toBe('web/messages/th.json changed');
  });

  it('ignores the message modules the build itself writes (a fresh clone built once stays built)', () => {
    const root = checkout();
    file(root, 'web/src/lib/paraglide/messages/hello.js', 10);
    file(root, 'web/src/lib/paraglide-locales/.gitignore', 10);
    file(root, 'web/src/.svelte-kit/x.js', 10);
    expect(buildReason(root)).toBeUndefined();
  });
});

describe('withBuildLock', () => {
  it('runs one build at a time and takes over a lock whose holder died', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plenary-build-lock-'));
    const lock = join(root, 'lock');
    const events: string[] = [];
    const build = (name: string) =>
      withBuildLock(async () => {
        events.push(`${name} start`);
        await new Promise((done) => setTimeout(done, 50));
        events.push(`${name} end`);
      }, lock);
    await Promise.all([build('a'), build('b')]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);

    // A process that held the lock and is gone.
    const dead = spawn(process.execPath, ['-e', '']);
    const pid = dead.pid;
    await new Promise((done) => dead.on('exit', done));
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(pid));
    await build('c');
    expect(events.at(-1)).toBe('c end');
  });
});
