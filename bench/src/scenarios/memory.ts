import { join } from 'node:path';
import { createWorkshop, Facilitator } from '../api.js';
import { sleep } from '../clock.js';
import type { DocSpec } from '../workers/editors.js';
import { CHECKLIST_TEMPLATE } from '../peers/seed.js';
import { dataDir, joinMany, workerOf, type Context } from './context.js';

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? NaN : sxy / sxx;
}

/**
 * Server heap per idle connected participant (slope after full GC), heap of a loaded group
 * document against its encoded size, and RSS with everyone connected to their group document.
 */
export async function memory(ctx: Context): Promise<void> {
  const { points, groupSize, editsPerDoc } = ctx.cfg.memory;
  const server = await ctx.start('plenary', { dataDir: await dataDir(), build: ctx.build });
  const w = await createWorkshop(server.url, 'Memory');
  const f = await Facilitator.connect(server.url, w.id, w.facilitatorKey);

  // Warm-up in another workshop: the first connections pay for code and caches once, which
  // would otherwise land on the first step of the slope.
  const warm = await createWorkshop(server.url, 'Warm-up');
  const warmJoined = await joinMany(ctx, server.url, warm.joinCode, warm.id, 100_000, 100_020, 500);

  const heap: Array<[number, number]> = [];
  let joined: Awaited<ReturnType<typeof joinMany>> = [];
  for (const target of points) {
    if (target > joined.length)
      joined = joined.concat(
        await joinMany(ctx, server.url, w.joinCode, w.id, joined.length, target, 2000),
      );
    await sleep(ctx.cfg.quick ? 300 : 1000);
    const s = await server.gc();
    heap.push([target, s.heapUsed]);
    if (ctx.profileDir && target > 0)
      await server.heapSnapshot(join(ctx.profileDir, `memory-${target}.heapsnapshot`));
    ctx.log(`  ${target} idle participants: heap ${(s.heapUsed / 2 ** 20).toFixed(1)} MB`);
  }
  const perParticipant = slope(heap);

  // Typical group documents: every group edits its checklist or map, then leaves it loaded.
  const docs = await groupDocs(f, w.id, server.url, joined, groupSize);
  // Warm-up for documents too, just before (their 30 s idle unload falls after the measurement):
  // the code that loads, edits and stores documents is compiled once per process, about 23 KB a
  // document in the heap diff when the 40 measured documents were the first.
  const wf = await Facilitator.connect(server.url, warm.id, warm.facilitatorKey);
  const warmDocs = await groupDocs(wf, warm.id, server.url, warmJoined, 2);
  await ctx.pool.all('openEditors', (wk) => ({
    docs: warmDocs.filter((_, i) => i % ctx.pool.size === wk),
  }));
  await ctx.pool.all('burstEditors', () => ({ count: editsPerDoc }));
  await ctx.pool.all('closeEditors', () => ({}));
  wf.close();
  await sleep(ctx.cfg.quick ? 500 : 1500);
  const before = await server.gc();
  if (ctx.profileDir)
    await server.heapSnapshot(join(ctx.profileDir, 'memory-docs-before.heapsnapshot'));
  await ctx.pool.all('openEditors', (wk) => ({
    docs: docs.filter((_, i) => i % ctx.pool.size === wk),
  }));
  const sizes = (await ctx.pool.all('burstEditors', () => ({ count: editsPerDoc }))).flat();
  await ctx.pool.all('closeEditors', () => ({}));
  // Documents stay loaded for 30 s after their last connection closes: measure before that,
  // once the closed connections are gone.
  await sleep(ctx.cfg.quick ? 1000 : 3000);
  const after = await server.gc();
  if (ctx.profileDir)
    await server.heapSnapshot(join(ctx.profileDir, 'memory-docs-after.heapsnapshot'));
  const docHeap = (after.heapUsed - before.heapUsed) / docs.length;
  const encoded = sizes.reduce((s, n) => s + n, 0) / sizes.length;

  // Everyone in their group's document at once.
  const session = f.session!;
  const roomOf = new Map<string, string>();
  for (const g of session.groups) {
    const artifact = session.artifacts.find((a) => a.groupId === g.id && a.kind === 'checklist')!;
    for (const id of g.memberIds) roomOf.set(id, `${w.id}/${artifact.id}`);
  }
  const all = joined.map((j) => ({ index: j.index, room: roomOf.get(j.participantId)! }));
  await ctx.pool.all('openParticipantDocs', (wk) => ({
    base: server.url,
    docs: all.filter((d) => workerOf(ctx.pool, d.index) === wk),
  }));
  await sleep(ctx.cfg.quick ? 500 : 2000);
  const full = await server.stats();
  f.close();
  await ctx.pool.all('disconnectAll', () => ({}));

  ctx.details.memory = {
    heapByParticipants: heap.map(([x, y]) => ({ participants: x, heapUsed: y })),
    perParticipantBytes: perParticipant,
    documents: docs.length,
    docHeapBytes: docHeap,
    docEncodedBytes: encoded,
    rssAllConnected: full.rss,
    heapAllConnected: full.heapUsed,
  };
  const n = joined.length;
  ctx.rows.push(
    {
      scenario: '4 memory',
      metric: `heap per idle participant (${points.join('/')})`,
      unit: 'KB',
      ours: perParticipant / 1024,
      goals: [{ op: '<=', value: 15 }],
    },
    {
      scenario: '4 memory',
      metric: `group document heap / encoded (${(encoded / 1024).toFixed(1)} KB)`,
      unit: 'x',
      ours: docHeap / encoded,
      goals: [{ op: '<=', value: 20 }],
    },
    {
      scenario: '4 memory',
      metric: `RSS, ${n} participants in ${session.groups.length} groups`,
      unit: 'MB',
      ours: full.rss / 2 ** 20,
      goals: [{ op: '<=', value: 256 }],
    },
  );
}

/** Groups a workshop, opens a checklist and a map in every group: one document per group, two
 *  editors each (checklists in even groups, maps in odd ones). */
async function groupDocs(
  f: Facilitator,
  workshopId: string,
  base: string,
  joined: Array<{ participantId: string; token: string }>,
  size: number,
): Promise<DocSpec[]> {
  await f.send('group.auto', { mode: 'random', size, mixCountries: true });
  await f.send('exercise.launch', {
    title: 'Indicators',
    kind: 'checklist',
    template: CHECKLIST_TEMPLATE,
  });
  await f.send('exercise.launch', { title: 'Referral network', kind: 'map' });
  const session = await f.until(() =>
    f.session && f.session.artifacts.length === 2 * f.session.groups.length ? f.session : false,
  );
  const tokens = new Map(joined.map((j) => [j.participantId, j.token]));
  return session.groups.map((g, i) => {
    const kind = i % 2 === 0 ? 'checklist' : 'map';
    const artifact = session.artifacts.find((a) => a.groupId === g.id && a.kind === kind)!;
    return {
      target: 'plenary',
      base,
      room: `${workshopId}/${artifact.id}`,
      kind,
      editors: g.memberIds
        .slice(0, 2)
        .map((id, k) => ({ name: `${g.name} editor ${k + 1}`, token: tokens.get(id)! })),
    };
  });
}
