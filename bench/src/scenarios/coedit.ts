import { createWorkshop, Facilitator } from '../api.js';
import { now, sleep } from '../clock.js';
import { Histogram } from '../histogram.js';
import type { ServerProcess } from '../server.js';
import type { DocKind, DocSpec } from '../workers/editors.js';
import { CHECKLIST_TEMPLATE } from '../peers/seed.js';
import { dataDir, joinSpread, phaseAll, type Context } from './context.js';

type Target = Context['cfg']['coedit']['targets'][number];
type Phase = Context['cfg']['coedit']['phases'][number];

export interface Outcome {
  latency: Histogram;
  sent: number;
  completed: number;
  bytes: number;
  writeBytes: number;
  /** Event-loop delay p99 of each server process. */
  loopP99: number[];
  rssMb: number;
  /** Close codes of connections the server dropped during the run. */
  closes: string[];
}

/** Groups alternate: even ones fill in a checklist, odd ones draw a referral map. */
const kindOf = (g: number): DocKind => (g % 2 === 0 ? 'checklist' : 'map');

/**
 * Our server: a workshop whose participants are grouped, with one exercise of each kind. With
 * several server processes (on one Redis), the participants join through each in turn and the
 * editors of every group alternate between them, so each document has editors on each.
 */
export async function plenaryDocs(
  ctx: Context,
  servers: ServerProcess[],
  phase: Phase,
  first: number,
) {
  const total = phase.groups * phase.size;
  const bases = servers.map((s) => s.url);
  const w = await createWorkshop(bases[0]!, `Co-editing ${phase.name}`);
  const f = await Facilitator.connect(bases[0]!, w.id, w.facilitatorKey);
  // Participants have the app open too: each editor also holds its socket.io connection.
  const joined = await joinSpread(ctx, bases, w.joinCode, w.id, first, first + total, 2000);
  const tokens = new Map(joined.map((j) => [j.participantId, j.token]));
  await f.send('group.auto', { mode: 'random', size: phase.size, mixCountries: true });
  await f.send('exercise.launch', {
    title: 'Indicators',
    kind: 'checklist',
    template: CHECKLIST_TEMPLATE,
  });
  await f.send('exercise.launch', { title: 'Referral network', kind: 'map' });
  const session = await f.until(() =>
    f.session && f.session.artifacts.length === 2 * f.session.groups.length ? f.session : false,
  );
  const docs: DocSpec[] = session.groups.map((g, i) => {
    const kind = kindOf(i);
    const artifact = session.artifacts.find((a) => a.groupId === g.id && a.kind === kind)!;
    return {
      target: 'plenary',
      base: bases[0]!,
      room: `${w.id}/${artifact.id}`,
      kind,
      editors: g.memberIds.map((id, k) => ({
        name: `${g.name} editor ${k + 1}`,
        token: tokens.get(id)!,
        base: bases[(i + k) % bases.length]!,
      })),
    };
  });
  return { docs, facilitator: f };
}

function peerDocs(target: Target, server: ServerProcess, phase: Phase): DocSpec[] {
  return Array.from({ length: phase.groups }, (_, g) => ({
    target,
    base: server.url,
    room: `${kindOf(g)}-${phase.groups}x${phase.size}-${g}`,
    kind: kindOf(g),
    editors: Array.from({ length: phase.size }, (_, k) => ({
      name: `Group ${g + 1} editor ${k + 1}`,
    })),
  }));
}

/** Opens the documents' editors, runs them for `durationMs`, closes them: the figures. */
export async function runSlice(
  ctx: Context,
  servers: ServerProcess[],
  docs: DocSpec[],
  name: string,
  durationMs: number,
): Promise<Outcome> {
  // A document's editors all live in one worker, so that its last peer is known there.
  await ctx.pool.all('openEditors', (w) => ({
    docs: docs.filter((_, i) => i % ctx.pool.size === w),
  }));
  await sleep(500);
  await Promise.all(servers.map((s) => s.reset()));
  const io0 = await Promise.all(servers.map((s) => s.io()));
  const startAt = now() + 300;
  const parts = await phaseAll(ctx, servers, `coedit ${name}`, () =>
    ctx.pool.all('runEditors', () => ({ startAt, durationMs })),
  );
  const stats = await Promise.all(servers.map((s) => s.stats()));
  const io1 = await Promise.all(servers.map((s) => s.io()));
  await ctx.pool.all('closeEditors', () => ({}));
  const latency = new Histogram();
  for (const p of parts) latency.merge(p.histogram);
  return {
    latency,
    sent: parts.reduce((s, p) => s + p.sent, 0),
    completed: parts.reduce((s, p) => s + p.completed, 0),
    bytes: parts.reduce((s, p) => s + p.bytes, 0),
    writeBytes: io1.reduce((s, io, i) => s + io.writeBytes - io0[i]!.writeBytes, 0),
    loopP99: stats.map((s) => s.loop.p99),
    rssMb: Math.max(...stats.map((s) => s.rss / 2 ** 20)),
    closes: parts.flatMap((p) => p.closes),
  };
}

function add(total: Outcome | undefined, o: Outcome): Outcome {
  if (!total) return o;
  return {
    latency: total.latency.merge(o.latency),
    sent: total.sent + o.sent,
    completed: total.completed + o.completed,
    bytes: total.bytes + o.bytes,
    writeBytes: total.writeBytes + o.writeBytes,
    // The worst slice: loop delay percentiles cannot be merged.
    loopP99: total.loopP99.map((p99, i) => Math.max(p99, o.loopP99[i]!)),
    rssMb: Math.max(total.rssMb, o.rssMb),
    closes: [...total.closes, ...o.closes],
  };
}

/**
 * The same editing load on ours and on each peer. All servers run side by side and the load
 * moves between them in slices (A B C, C B A, ...), so that a burst of unrelated load on the
 * machine falls on every server alike rather than on whichever ran at that moment.
 */
export async function coedit(ctx: Context): Promise<void> {
  const { phases, targets, durationMs } = ctx.cfg.coedit;
  const rounds = ctx.cfg.quick ? 1 : 4;
  const results = new Map<string, Outcome>();
  const servers = new Map<Target, ServerProcess>();
  for (const target of targets)
    servers.set(
      target,
      target === 'plenary'
        ? await ctx.start('plenary', { dataDir: await dataDir(), build: ctx.build })
        : await ctx.start(target),
    );
  let first = 0;
  for (const phase of phases) {
    ctx.log(
      `  ${phase.name} editors, 1 edit/s each, ${durationMs / 1000} s on each of ${targets.join(', ')} in ${rounds} round(s)`,
    );
    const docs = new Map<Target, DocSpec[]>();
    let facilitator: Facilitator | undefined;
    for (const [target, server] of servers) {
      if (target === 'plenary') {
        const made = await plenaryDocs(ctx, [server], phase, first);
        first += phase.groups * phase.size;
        facilitator = made.facilitator;
        docs.set(target, made.docs);
      } else docs.set(target, peerDocs(target, server, phase));
    }
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        const key = `${target} ${phase.name}`;
        const name = `${phase.name} round ${round + 1}`;
        const slice = await runSlice(
          ctx,
          [servers.get(target)!],
          docs.get(target)!,
          name,
          durationMs / rounds,
        );
        results.set(key, add(results.get(key), slice));
      }
    }
    facilitator?.close();
    await ctx.pool.all('disconnectAll', () => ({}));
  }

  const details: Record<string, unknown> = {};
  for (const [key, o] of results)
    details[key] = {
      latency: o.latency.summary(),
      sent: o.sent,
      completed: o.completed,
      updateBytes: o.bytes,
      writeBytes: o.writeBytes,
      loopP99: o.loopP99[0],
      rssMb: o.rssMb,
      droppedConnections: o.closes.length,
      closeCodes: [...new Set(o.closes)],
    };
  ctx.details.coedit = details;

  for (const phase of phases) {
    const get = (t: Target) => results.get(`${t} ${phase.name}`);
    const ours = get('plenary');
    const peers = Object.fromEntries(
      targets.filter((t) => t !== 'plenary').map((t) => [t, get(t)] as const),
    );
    const pick = (f: (o: Outcome) => number) =>
      Object.fromEntries(Object.entries(peers).map(([t, o]) => [t, o ? f(o) : null]));
    const scenario = `2 co-editing (${phase.name})`;
    ctx.rows.push(
      {
        scenario,
        metric: 'edit→last peer p50',
        unit: 'ms',
        ours: ours?.latency.percentile(50) ?? null,
        baselines: pick((o) => o.latency.percentile(50)),
      },
      {
        scenario,
        metric: 'edit→last peer p99',
        unit: 'ms',
        ours: ours?.latency.percentile(99) ?? null,
        baselines: pick((o) => o.latency.percentile(99)),
        goals: [
          { op: '<=', value: phase.goalP99 },
          { op: '<=', value: 1, on: 'ratio' },
        ],
      },
      {
        scenario,
        metric: 'edits not seen by every peer',
        unit: 'count',
        ours: ours ? ours.sent - ours.completed : null,
        baselines: pick((o) => o.sent - o.completed),
        goals: [{ op: '==', value: 0 }],
      },
    );
    if (ours) {
      ctx.rows.push(
        {
          scenario: '5 persistence',
          metric: `disk bytes / update byte (${phase.name})`,
          unit: 'x',
          ours: ours.writeBytes / Math.max(1, ours.bytes),
          goals: [{ op: '<=', value: 50 }],
        },
        {
          scenario: '6 event loop',
          metric: `p99 delay, co-editing ${phase.name}`,
          unit: 'ms',
          ours: ours.loopP99[0]!,
          baselines: pick((o) => o.loopP99[0]!),
          goals: [{ op: '<=', value: 50 }],
        },
      );
    }
  }
}
