import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '@plenary/server';
import { freePort, startServerProcess } from '../integration/server-process.js';
import { connect, createWorkshop, send } from '../integration/harness.js';

let dir = '';
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the data file and its journal under repeated kill -9', () => {
  it('always parses, and holds every acknowledged command, after six kills in write bursts', async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-integrity-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await startServerProcess(dir, port);
    // Each round its own workshop (a workshop holds at most 40 modules), all re-checked every time.
    const acked = new Map<string, string[]>();
    for (let round = 0; round < 6; round++) {
      const w = await createWorkshop(url, { template: 'blank' });
      acked.set(w.id, []);
      const facilitator = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
      const burst = Array.from({ length: 35 }, (_, i) =>
        send(facilitator, 'module.add', { title: `Round ${round}, module ${i}` })
          .then((ack) => ack.ok && acked.get(w.id)!.push(`Round ${round}, module ${i}`))
          .catch(() => undefined),
      );
      // Kill in the middle of the burst, at a moment that varies from round to round.
      await new Promise((r) => setTimeout(r, 10 + round * 12));
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      facilitator.socket.close();
      await Promise.race([Promise.all(burst), new Promise((r) => setTimeout(r, 200))]);
      // The snapshot parses (never a half-written file in place), and the snapshot with its
      // journal replayed, as the next process reads them, holds every acknowledged command.
      JSON.parse(await readFile(joinPath(dir, 'workshops.json'), 'utf8'));
      const store = await LowdbStore.open(dir);
      for (const [id, titles] of acked) {
        const record = await store.load(id);
        const stored = new Set(record!.workshop.modules.map((m) => m.title));
        for (const t of titles) expect(stored.has(t), t).toBe(true);
      }
      await store.close();
      child = await startServerProcess(dir, port);
    }
    const total = [...acked.values()].reduce((n, t) => n + t.length, 0);
    expect(total).toBeGreaterThan(0);
  }, 90_000);
});
