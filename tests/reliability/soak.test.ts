import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { FileDocStore, LowdbStore } from '@plenary/server';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  send,
  startServer,
  type Live,
  type Running,
} from '../integration/harness.js';

// 100 participants for SOAK_MINUTES (10 by default, as the requirement says; shorter locally).
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const DURATION = MINUTES * 60_000;
const SAMPLE_EVERY = Math.min(30_000, DURATION / 20);
const IDLE_UNLOAD_MS = 3000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

let running: Running | undefined;
let dir = '';
const lives: Live[] = [];
afterEach(async () => {
  for (const l of lives.splice(0)) l.socket.close();
  await running?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

describe('a soak of 100 participants', () => {
  it(
    `keeps the server's memory flat for ${MINUTES} min of presence at 10 Hz, and unloads idle documents`,
    async () => {
      dir = await mkdtemp(joinPath(tmpdir(), 'plenary-soak-'));
      const store = await LowdbStore.open(dir);
      running = await startServer(store, undefined, {
        docStore: new FileDocStore(joinPath(dir, 'docs')),
        docLimits: { idleUnloadMs: IDLE_UNLOAD_MS },
      });
      const url = running.url;
      const w = await createWorkshop(url, { template: 'victim-centred' });
      const joined = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          join(url, w.joinCode, `Invented Soak ${i}`, ['PH', 'TH', 'VN', 'LA'][i % 4]),
        ),
      );
      const facilitator = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
      lives.push(facilitator);
      expect(await send(facilitator, 'group.auto', { mode: 'random', size: 10 })).toEqual({
        ok: true,
      });
      const launched = await send(facilitator, 'exercise.launch', {
        title: 'Identification checklist',
        kind: 'checklist',
        template: 'identification-adult',
      });
      expect(launched.ok).toBe(true);
      const created = await send(facilitator, 'poll.create', {
        kind: 'single',
        question: 'Which indicator is hardest to see?',
        options: ['Debt', 'Documents withheld', 'Isolation'].map((label) => ({ label })),
      });
      if (!created.ok) throw new Error(created.message);
      await send(facilitator, 'poll.setState', { pollId: created.pollId, state: 'open' });
      await eventually(() => expect(facilitator.session().artifacts.length).toBe(10));
      const session = facilitator.session();
      const people = joined.map((p) => {
        const group = session.groups.find((g) => g.memberIds.includes(p.participantId))!;
        return {
          token: p.token,
          artifactId: session.artifacts.find((a) => a.groupId === group.id)!.id,
        };
      });
      const record = await running.server.workshops.get(w.id);
      // The template comes with prepared polls of its own: vote in the one opened here.
      const poll = record!.workshop.polls.find((p) => p.id === created.pollId)!;
      const optionIds = poll.options.map((o) => o.id);

      const child = spawn(
        process.execPath,
        ['--import', 'tsx', resolve(fileURLToPath(import.meta.url), '../soak-clients.ts')],
        // tsx is the server package's: resolve it from there.
        {
          stdio: ['pipe', 'pipe', 'inherit'],
          cwd: resolve(fileURLToPath(import.meta.url), '../../../server'),
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((r) => child.once('exit', r));
      child.stdin.end(
        JSON.stringify({
          url,
          workshopId: w.id,
          pollId: created.pollId,
          optionIds,
          durationMs: DURATION,
          people,
        }),
      );

      // Heap after GC, sampled through the run; the first fifth is warm-up.
      const samples: Array<{ at: number; heap: number; docs: number }> = [];
      const start = Date.now();
      while (Date.now() - start < DURATION) {
        await new Promise((r) => setTimeout(r, SAMPLE_EVERY));
        samples.push({
          at: Date.now() - start,
          heap: heapAfterGc(),
          docs: running.server.docs.loaded,
        });
      }
      expect(await exited).toBe(0);
      const stats = JSON.parse(out.trim()) as Record<string, number>;

      const warm = samples.filter((s) => s.at >= DURATION / 5);
      const third = Math.max(1, Math.floor(warm.length / 3));
      const avg = (list: typeof warm) => list.reduce((n, s) => n + s.heap, 0) / list.length;
      const early = avg(warm.slice(0, third));
      const late = avg(warm.slice(-third));
      const growth = (late - early) / early;
      console.log(
        `[soak] ${MINUTES} min, ${JSON.stringify(stats)}; heap MB after warm-up: ${warm
          .map((s) => mb(s.heap))
          .join(' ')}; growth ${(growth * 100).toFixed(1)}%`,
      );
      // 10 Hz each, less what timers lose on a busy machine.
      expect(stats.presence).toBeGreaterThan(100 * 3 * (DURATION / 1000));
      expect(stats.votes).toBeGreaterThan(0);
      expect(stats.edits).toBeGreaterThan(0);
      expect(stats.voteErrors).toBe(0);
      expect(samples.every((s) => s.docs <= 10)).toBe(true);
      expect(growth).toBeLessThan(0.1);

      // Everybody gone: every document is stored and unloaded.
      await eventually(() => expect(running!.server.docs.loaded).toBe(0), IDLE_UNLOAD_MS + 5000);
    },
    MINUTES * 60_000 + 120_000,
  );
});
