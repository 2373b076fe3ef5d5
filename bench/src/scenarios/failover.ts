import { startHaproxy } from '../../../scripts/haproxy.mjs';
import { createWorkshop, Facilitator, openPoll } from '../api.js';
import { now, sleep } from '../clock.js';
import { Histogram } from '../histogram.js';
import { startRedis } from '../redis.js';
import type { Row } from '../report.js';
import { adopt, freePort, type ServerProcess } from '../server.js';
import {
  dataDir,
  joinMany,
  launchChecklists,
  processName,
  workerOf,
  type Context,
} from './context.js';

/** When the kill comes, after the votes and edits start. */
const KILL_AFTER_MS = 500;

/**
 * Scenario 10: two production processes on one redis-server behind HAProxy (Debian's, started
 * here; scripts/haproxy.mjs), every client connected through the balancer only. Participants
 * open their group's checklist; while they vote and edit, one process is killed (SIGKILL).
 * Those it served reconnect through the balancer to the other. Measures the time from the kill
 * to each one's usable, consistent screen (welcomed again with their vote, document synced),
 * and checks that no acknowledged vote or edit is lost.
 */
export async function failover(ctx: Context): Promise<void> {
  const { participants: n, joinWindowMs, groupSize } = ctx.cfg.failover;
  const redis = await startRedis();
  const servers: ServerProcess[] = [];
  let balancer: Awaited<ReturnType<typeof startHaproxy>> | undefined;
  try {
    for (let i = 0; i < 2; i++)
      servers.push(
        await ctx.start('plenary', {
          dataDir: await dataDir(),
          build: ctx.build,
          env: { REDIS_URL: redis.url },
        }),
      );
    balancer = await startHaproxy({
      port: await freePort(),
      backends: servers.map((s) => `127.0.0.1:${s.port}`),
    });
    adopt(balancer.child);
    const lb = balancer.url;
    ctx.log(
      `  HAProxy ${lb} in front of ${servers.map((s, i) => `${processName(i)} :${s.port}`).join(', ')}`,
    );

    const w = await createWorkshop(lb, 'Failover');
    const f = await Facilitator.connect(lb, w.id, w.facilitatorKey);
    ctx.log(`  ${n} participants join through the balancer; groups of ${groupSize} co-edit`);
    const joined = await joinMany(ctx, lb, w.joinCode, w.id, 0, n, joinWindowMs);
    const { docs } = await launchChecklists(f, w.id, joined, groupSize);
    await ctx.pool.all('openParticipantDocs', (wk) => ({
      base: lb,
      docs: docs.filter((d) => workerOf(ctx.pool, d.index) === wk),
    }));
    const poll = await openPoll(f, 'Ready for the field visit?');

    ctx.log(`  everyone votes within 2 s and edits; process A is killed after ${KILL_AFTER_MS} ms`);
    const survivor = servers[1]!;
    await survivor.reset();
    await ctx.pool.all('armFailover', () => ({}));
    const start = now() + 100;
    const voting = ctx.pool.all('vote', (wk) => ({
      pollId: poll.id,
      timeoutMs: 5000,
      plan: joined
        .filter((j) => workerOf(ctx.pool, j.index) === wk)
        .map((j) => ({
          index: j.index,
          at: start + Math.random() * 2000,
          optionId: poll.options[j.index % poll.options.length]!.id,
        })),
    }));
    const editing = ctx.pool.all('markEdits', () => ({}));
    await sleep(start + KILL_AFTER_MS - now());
    const killedAt = now();
    await servers[0]!.stop('SIGKILL');
    const votes = (await voting).flat();
    const acked = votes.filter((v) => v.ok);
    await editing;
    const outcomes = await ctx.pool.all('failedOver', () => ({
      pollId: poll.id,
      acked: acked.map((v) => [v.index, v.ackAt]),
      killedAt,
      graceMs: 1000,
      timeoutMs: 30_000,
    }));
    const loop = (await survivor.stats()).loop;
    // The console came back through the balancer too; its tally counts every acknowledged vote.
    const tallied = await f
      .until(() => ((f.voters.get(poll.id) ?? 0) >= acked.length ? f.voters.get(poll.id) : false))
      .catch(() => f.voters.get(poll.id) ?? 0);
    const verified = await ctx.pool.all('verifyServerDocs', () => ({ base: lb }));
    f.close();
    await ctx.pool.all('disconnectAll', () => ({}));

    const recovery = new Histogram();
    let unrecovered = 0;
    for (const o of outcomes)
      for (const t of o.times) {
        if (Number.isNaN(t)) unrecovered++;
        else recovery.record(t);
      }
    const moved = outcomes.reduce((s, o) => s + o.times.length, 0);
    const lostVotes =
      Math.max(0, acked.length - tallied) + outcomes.reduce((s, o) => s + o.lostVotes, 0);
    const lostEdits =
      outcomes.reduce((s, o) => s + o.lostEdits, 0) + verified.reduce((s, v) => s + v.lost, 0);
    ctx.details.failover = {
      participants: n,
      moved,
      stayed: outcomes.reduce((s, o) => s + o.stayed, 0),
      recovery: recovery.summary(),
      unrecovered,
      votesAcked: acked.length,
      votesUnanswered: votes.length - acked.length,
      votesTallied: tallied,
      lostVotes,
      lostEdits,
      docsVerified: verified.reduce((s, v) => s + v.checked, 0),
      survivorLoop: loop,
    };
    ctx.rows.push(...rows(n, moved, recovery, unrecovered, lostVotes + lostEdits, loop.p99));
  } finally {
    for (const s of servers) await s.stop();
    await balancer?.stop();
    await redis.stop();
  }
}

function rows(
  n: number,
  moved: number,
  recovery: Histogram,
  unrecovered: number,
  lost: number,
  loopP99: number,
): Row[] {
  const scenario = `10 failover (${n}, HAProxy)`;
  return [
    {
      scenario,
      metric: 'kill→usable, consistent p50',
      unit: 'ms',
      ours: recovery.percentile(50),
      note: `${moved} of ${n} moved to the other process`,
    },
    {
      scenario,
      metric: 'kill→usable, consistent p99',
      unit: 'ms',
      ours: unrecovered > 0 || moved === 0 ? Infinity : recovery.percentile(99),
      goals: [{ op: '<=', value: 3000 }],
      ...(unrecovered > 0 && { note: `${unrecovered} not back within 30 s` }),
      ...(moved === 0 && { note: 'nobody was on the killed process' }),
    },
    {
      scenario,
      metric: 'lost acknowledged votes + edits',
      unit: 'count',
      ours: lost,
      goals: [{ op: '==', value: 0 }],
    },
    {
      scenario,
      metric: 'event-loop p99, surviving process',
      unit: 'ms',
      ours: loopP99,
      goals: [{ op: '<=', value: 50 }],
    },
  ];
}
