import { createWorkshop, Facilitator, openPoll } from '../api.js';
import { now, sleep } from '../clock.js';
import { Histogram } from '../histogram.js';
import { freePort } from '../server.js';
import { dataDir, joinMany, launchChecklists, workerOf, type Context } from './context.js';

/**
 * Join storm, then reconnect storm: participants join within a few seconds; they group, open
 * their group's checklist, vote and edit; the server restarts and every one of them comes back
 * by itself. Measures the time from the drop to a usable, consistent screen (welcomed again
 * with their vote, document synced with every edit) and checks that nothing was lost.
 */
export async function storm(ctx: Context): Promise<void> {
  const { participants: n, joinWindowMs, groupSize } = ctx.cfg.storm;
  const port = await freePort();
  const dir = await dataDir();
  let server = await ctx.start('plenary', { dataDir: dir, build: ctx.build, port });
  const w = await createWorkshop(server.url, 'Join storm');
  const f = await Facilitator.connect(server.url, w.id, w.facilitatorKey);

  ctx.log(`  ${n} participants join within ${joinWindowMs / 1000} s`);
  await server.reset();
  const joined = await ctx.phase(server, 'join storm', () =>
    joinMany(ctx, server.url, w.joinCode, w.id, 0, n, joinWindowMs, ctx.cfg.transport),
  );
  const joinStats = await server.stats();
  const toWelcome = new Histogram();
  for (const j of joined) toWelcome.record(j.welcomedAt - j.at);
  const lastWelcome =
    Math.max(...joined.map((j) => j.welcomedAt)) - Math.min(...joined.map((j) => j.at));

  const { session, docs } = await launchChecklists(f, w.id, joined, groupSize);
  ctx.log(`  ${session.groups.length} groups open their checklist; everyone votes and edits`);
  await ctx.pool.all('openParticipantDocs', (wk) => ({
    base: server.url,
    docs: docs.filter((d) => workerOf(ctx.pool, d.index) === wk),
  }));
  const poll = await openPoll(f, 'Ready for the field visit?');
  const start = now() + 200;
  const votes = (
    await ctx.pool.all('vote', (wk) => ({
      pollId: poll.id,
      plan: joined
        .filter((j) => workerOf(ctx.pool, j.index) === wk)
        .map((j) => ({
          index: j.index,
          at: start + Math.random() * 2000,
          optionId: poll.options[j.index % 4]!.id,
        })),
    }))
  ).flat();
  const acked = votes.filter((v) => v.ok).length;
  await ctx.pool.all('markEdits', () => ({}));

  ctx.log('  the server restarts (SIGTERM, then a new process on the same port and data)');
  await ctx.pool.all('arm', () => ({}));
  const downAt = now();
  await server.stop();
  const stoppedAt = now();
  server = await ctx.start('plenary', { dataDir: dir, build: ctx.build, port });
  const upAt = server.readyAt;
  const cpuAtStart = (await server.reset()).cpuMs;
  const recoveries = await ctx.phase(server, 'reconnect storm', () =>
    ctx.pool.all('recovered', () => ({ pollId: poll.id, timeoutMs: 30_000 })),
  );
  const reconnectStats = await server.stats();
  // The server's own CPU over the recovery (user + system), less noisy than its latency on a
  // machine the load generator shares: what each returning participant costs the server.
  const reconnectCpuMs = reconnectStats.cpuMs - cpuAtStart;
  const recovery = new Histogram();
  const toWelcomeAgain = new Histogram();
  const toDocAgain = new Histogram();
  for (const r of recoveries) {
    for (const t of r.welcomeTimes) toWelcomeAgain.record(t);
    for (const t of r.docTimes) toDocAgain.record(t);
  }
  let unrecovered = 0;
  for (const r of recoveries)
    for (const t of r.times) {
      if (Number.isNaN(t)) unrecovered++;
      else recovery.record(t);
    }
  // The facilitator's console reconnects by itself too; its welcome carries the tally.
  await sleep(200);
  const tallied = await f
    .until(() => (f.voters.get(poll.id) === acked ? acked : false), 10_000)
    .catch(() => f.voters.get(poll.id) ?? 0);
  const verified = await ctx.pool.all('verifyServerDocs', () => ({ base: server.url }));
  f.close();
  await ctx.pool.all('disconnectAll', () => ({}));

  const lostEdits =
    recoveries.reduce((s, r) => s + r.lostEdits, 0) + verified.reduce((s, v) => s + v.lost, 0);
  const lostVotes = acked - tallied + recoveries.reduce((s, r) => s + r.lostVotes, 0);
  ctx.details.storm = {
    joinToWelcome: toWelcome.summary(),
    allWelcomedWithinMs: lastWelcome,
    joinLoop: joinStats.loop,
    votesAcked: acked,
    votesTallied: tallied,
    recovery: recovery.summary(),
    recoveryWelcome: toWelcomeAgain.summary(),
    recoveryDoc: toDocAgain.summary(),
    unrecovered,
    notDropped: recoveries.reduce((s, r) => s + r.notDropped, 0),
    downtimeMs: upAt - downAt,
    stopMs: stoppedAt - downAt,
    refusedVotes: votes.filter((v) => !v.ok).map((v) => v.code),
    reconnectLoop: reconnectStats.loop,
    reconnectCpuMs,
    lostVotes,
    lostEdits,
    docsVerified: verified.reduce((s, v) => s + v.checked, 0),
  };
  const scenario = `3 join + reconnect storm (${n})`;
  ctx.rows.push(
    {
      scenario,
      metric: 'join→welcome p99',
      unit: 'ms',
      ours: toWelcome.percentile(99),
      note: `all ${n} welcomed ${(lastWelcome / 1000).toFixed(1)} s after the first join`,
    },
    { scenario, metric: 'restart downtime (stop→listening)', unit: 'ms', ours: upAt - downAt },
    {
      scenario,
      metric: 'server CPU per returning participant',
      unit: 'ms',
      ours: reconnectCpuMs / n,
      note: `${(reconnectCpuMs / 1000).toFixed(1)} s of CPU over the recovery`,
    },
    {
      scenario,
      metric: 'drop→usable, consistent p50',
      unit: 'ms',
      ours: recovery.percentile(50),
    },
    {
      scenario,
      metric: 'drop→usable, consistent p99',
      unit: 'ms',
      ours: unrecovered > 0 ? Infinity : recovery.percentile(99),
      goals: [{ op: '<=', value: 3000 }],
      ...(unrecovered > 0 && { note: `${unrecovered} not back within 30 s` }),
    },
    {
      scenario,
      metric: 'lost votes + lost edits',
      unit: 'count',
      ours: lostVotes + lostEdits,
      goals: [{ op: '==', value: 0 }],
    },
    {
      scenario: '6 event loop',
      metric: 'p99 delay, join storm',
      unit: 'ms',
      ours: joinStats.loop.p99,
      goals: [{ op: '<=', value: 50 }],
    },
    {
      scenario: '6 event loop',
      metric: 'p99 delay, reconnect storm',
      unit: 'ms',
      ours: reconnectStats.loop.p99,
      goals: [{ op: '<=', value: 50 }],
    },
  );
}
