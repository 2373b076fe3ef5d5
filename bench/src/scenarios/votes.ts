import { createWorkshop, Facilitator, openPoll } from '../api.js';
import { now, sleep } from '../clock.js';
import { Histogram } from '../histogram.js';
import type { ServerProcess } from '../server.js';
import type { VoteRecord } from '../workers/participants.js';
import { dataDir, joinMany, phaseAll, workerOf, type Context } from './context.js';

export interface Measured {
  tally: Histogram;
  /** The tally pairs split: participant on the voter's server process, or on another one. */
  sameProcess: Histogram;
  otherProcess: Histogram;
  ack: Histogram;
  missing: number;
  refused: number;
  /** Refusal codes and how many of each. */
  refusals: Record<string, number>;
  early: number;
  /** Event-loop delay of each server process. */
  loops: Array<{ p99: number; max: number }>;
  writeBytes: number;
  changeBytes: number;
}

/**
 * Voters vote once each at the planned times; measures vote-to-tally latency at every
 * participant, the servers' event-loop delay and the bytes they wrote to disk meanwhile.
 */
export async function measure(
  ctx: Context,
  servers: ServerProcess[],
  pollId: string,
  optionIds: string[],
  voters: number[],
  times: number[],
  phase: string,
): Promise<Measured> {
  await ctx.pool.all('track', () => ({ pollId }));
  await sleep(300);
  await Promise.all(servers.map((s) => s.reset()));
  const io0 = await Promise.all(servers.map((s) => s.io()));
  const plan = voters.map((index, k) => ({
    index,
    at: times[k]!,
    optionId: optionIds[Math.floor(Math.random() * optionIds.length)]!,
  }));
  const records: VoteRecord[] = await phaseAll(ctx, servers, `votes ${phase}`, async () => {
    const r = await ctx.pool.all('vote', (w) => ({
      pollId,
      plan: plan.filter((p) => workerOf(ctx.pool, p.index) === w),
    }));
    // Merged broadcasts trail the last vote; give them time to arrive.
    await sleep(ctx.cfg.quick ? 500 : 1000);
    return r.flat();
  });
  const stats = await Promise.all(servers.map((s) => s.stats()));
  const io1 = await Promise.all(servers.map((s) => s.io()));
  const ok = records.filter((r) => r.ok);
  const ack = new Histogram();
  for (const r of ok) ack.record(r.ackAt - r.stamp);
  const parts = await ctx.pool.all('tallyLatency', () => ({
    stamps: ok.map((r) => r.stamp),
    ballots: ok.map((r) => r.ballots ?? 0),
    ...(servers.length > 1 && { origins: ok.map((r) => r.base) }),
  }));
  const tally = new Histogram();
  const sameProcess = new Histogram();
  const otherProcess = new Histogram();
  for (const p of parts) {
    tally.merge(p.histogram);
    sameProcess.merge(p.same);
    otherProcess.merge(p.other);
  }
  const refusals: Record<string, number> = {};
  for (const r of records) if (!r.ok) refusals[r.code!] = (refusals[r.code!] ?? 0) + 1;
  return {
    tally,
    sameProcess,
    otherProcess,
    ack,
    missing: parts.reduce((s, p) => s + p.missing, 0),
    early: parts.reduce((s, p) => s + p.early, 0),
    refused: records.length - ok.length,
    refusals,
    loops: stats.map((s) => ({ p99: s.loop.p99, max: s.loop.max })),
    writeBytes: io1.reduce((s, io, i) => s + io.writeBytes - io0[i]!.writeBytes, 0),
    changeBytes: ok.reduce((s, r) => s + r.bytes, 0),
  };
}

export const burstTimes = (count: number, windowMs: number) => {
  const start = now() + 500;
  return Array.from({ length: count }, () => start + Math.random() * windowMs).sort(
    (a, b) => a - b,
  );
};
export const steadyTimes = (count: number, perSecond: number) => {
  const start = now() + 500;
  return Array.from({ length: count }, (_, k) => start + (k * 1000) / perSecond);
};
export const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => from + i);

async function ours(ctx: Context) {
  const { burstVoters, burstWindowMs, steadyVoters, steadyRate } = ctx.cfg.votes;
  const server = await ctx.start('plenary', { dataDir: await dataDir(), build: ctx.build });
  try {
    const w = await createWorkshop(server.url, 'Vote burst');
    const f = await Facilitator.connect(server.url, w.id, w.facilitatorKey);
    await joinMany(ctx, server.url, w.joinCode, w.id, 0, burstVoters, burstVoters * 10);
    const poll = await openPoll(f, 'Who identifies victims first?');
    ctx.log(`  ours: ${burstVoters} voters within ${burstWindowMs} ms`);
    const burst = await measure(
      ctx,
      [server],
      poll.id,
      poll.options.map((o) => o.id),
      range(0, burstVoters),
      burstTimes(burstVoters, burstWindowMs),
      'burst',
    );
    const voters = f.voters.get(poll.id);
    f.close();
    await ctx.pool.all('disconnectAll', () => ({}));

    // Steady: another workshop on the same server, its own participants.
    const w2 = await createWorkshop(server.url, 'Steady votes');
    const f2 = await Facilitator.connect(server.url, w2.id, w2.facilitatorKey);
    const base = burstVoters;
    await joinMany(
      ctx,
      server.url,
      w2.joinCode,
      w2.id,
      base,
      base + steadyVoters,
      steadyVoters * 10,
    );
    const poll2 = await openPoll(f2, 'Which agency do you call first?');
    ctx.log(`  ours: ${steadyVoters} voters at ${steadyRate} votes/s`);
    const steady = await measure(
      ctx,
      [server],
      poll2.id,
      poll2.options.map((o) => o.id),
      range(base, base + steadyVoters),
      steadyTimes(steadyVoters, steadyRate),
      'steady',
    );
    f2.close();
    await ctx.pool.all('disconnectAll', () => ({}));
    return { burst, steady, talliedVoters: voters ?? null };
  } finally {
    await server.stop();
  }
}

async function naive(ctx: Context) {
  const { burstVoters, burstWindowMs, steadyVoters, steadyRate } = ctx.cfg.votes;
  const server = await ctx.start('naive');
  const options = ['o1', 'o2', 'o3', 'o4'];
  try {
    const connect = (from: number, to: number) =>
      ctx.pool.all('connectNaive', (w) => ({
        base: server.url,
        indices: range(from, to).filter((i) => workerOf(ctx.pool, i) === w),
        transport: 'websocket',
      }));
    await connect(0, burstVoters);
    ctx.log(`  naive baseline: ${burstVoters} voters within ${burstWindowMs} ms`);
    const burst = await measure(
      ctx,
      [server],
      'burst',
      options,
      range(0, burstVoters),
      burstTimes(burstVoters, burstWindowMs),
      'burst',
    );
    await ctx.pool.all('disconnectAll', () => ({}));
    await connect(0, steadyVoters);
    ctx.log(`  naive baseline: ${steadyVoters} voters at ${steadyRate} votes/s`);
    const steady = await measure(
      ctx,
      [server],
      'steady',
      options,
      range(0, steadyVoters),
      steadyTimes(steadyVoters, steadyRate),
      'steady',
    );
    await ctx.pool.all('disconnectAll', () => ({}));
    return { burst, steady };
  } finally {
    await server.stop();
  }
}

export const summary = (m: Measured) => ({
  tally: m.tally.summary(),
  ...(m.otherProcess.count > 0 && {
    tallySameProcess: m.sameProcess.summary(),
    tallyOtherProcess: m.otherProcess.summary(),
  }),
  ownAck: m.ack.summary(),
  missingPairs: m.missing,
  earlyPairs: m.early,
  refused: m.refused,
  ...(m.refused > 0 && { refusals: m.refusals }),
  loop: m.loops.length === 1 ? m.loops[0] : m.loops,
  writeBytes: m.writeBytes,
  changeBytes: m.changeBytes,
});

export async function votes(ctx: Context): Promise<void> {
  const { burstVoters, steadyVoters, steadyRate } = ctx.cfg.votes;
  const a = await ours(ctx);
  const b = await naive(ctx);
  ctx.details.votes = {
    ours: { burst: summary(a.burst), steady: summary(a.steady), talliedVoters: a.talliedVoters },
    naive: { burst: summary(b.burst), steady: summary(b.steady) },
  };
  const s = `1 vote burst (${burstVoters})`;
  const t = `1 steady votes (${steadyVoters} at ${steadyRate}/s)`;
  const lost = a.burst.refused + a.burst.missing + b.burst.refused;
  ctx.rows.push(
    {
      scenario: s,
      metric: 'vote→tally p50 (all clients)',
      unit: 'ms',
      ours: a.burst.tally.percentile(50),
      baselines: { naive: b.burst.tally.percentile(50) },
      goals: [{ op: '<=', value: 30 }],
    },
    {
      scenario: s,
      metric: 'vote→tally p99 (all clients)',
      unit: 'ms',
      ours: a.burst.tally.percentile(99),
      baselines: { naive: b.burst.tally.percentile(99) },
      goals: [{ op: '<=', value: 100 }],
    },
    {
      scenario: s,
      metric: 'refused votes + unseen tallies',
      unit: 'count',
      ours: a.burst.refused + a.burst.missing,
      baselines: { naive: b.burst.refused + b.burst.missing },
      goals: [{ op: '==', value: 0 }],
      ...(lost > 0 && { note: 'votes refused or tallies never seen' }),
    },
    {
      scenario: t,
      metric: 'vote→tally p99 (all clients)',
      unit: 'ms',
      ours: a.steady.tally.percentile(99),
      baselines: { naive: b.steady.tally.percentile(99) },
      goals: [{ op: '<=', value: 25 }],
    },
    {
      scenario: '5 persistence',
      metric: 'disk bytes / vote byte (burst)',
      unit: 'x',
      ours: a.burst.writeBytes / Math.max(1, a.burst.changeBytes),
      goals: [{ op: '<=', value: 50 }],
    },
    {
      scenario: '6 event loop',
      metric: 'p99 delay, vote burst',
      unit: 'ms',
      ours: a.burst.loops[0]!.p99,
      baselines: { naive: b.burst.loops[0]!.p99 },
      goals: [{ op: '<=', value: 50 }],
    },
    {
      scenario: '6 event loop',
      metric: 'p99 delay, steady votes',
      unit: 'ms',
      ours: a.steady.loops[0]!.p99,
      baselines: { naive: b.steady.loops[0]!.p99 },
      goals: [{ op: '<=', value: 50 }],
    },
  );
}
