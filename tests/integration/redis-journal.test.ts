import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RedisStore } from '../../server/src/store/redis.js';
import type { RedisStoreOptions } from '../../server/src/store/redis.js';
import { Workshops } from '../../server/src/workshops.js';
import { eventually } from './harness.js';
import { startRedis, type RedisProcess } from './redis-process.js';

let redis: RedisProcess;
const clients: Redis[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis.stop();
});

let prefixes = 0;
const facilitator = { role: 'facilitator' } as const;

/**
 * Two processes' Workshops on one Redis (`options` for the first), a workshop with `n`
 * participants and an open poll; `vote(i)` casts participant i's vote through either process.
 */
async function setup(n: number, anonymous: boolean, options: RedisStoreOptions = {}) {
  const prefix = `journal${++prefixes}:`;
  const open = (o: RedisStoreOptions = {}) => {
    const client = new Redis(redis.url);
    clients.push(client);
    return new RedisStore(client, prefix, o);
  };
  const a = new Workshops(open(options));
  const b = new Workshops(open());
  const created = await a.create({
    title: 'Journal day',
    template: 'blank',
    startsOn: null,
    endsOn: null,
    venue: '',
    retentionDays: null,
  });
  const id = created.workshop.id;
  const people: string[] = [];
  for (let i = 0; i < n; i++) {
    const joined = await (i % 2 ? a : b).join({
      joinCode: created.workshop.joinCode,
      name: `Invented Voter ${i}`,
      country: 'TH',
      city: '',
      organisation: '',
      role: '',
    } as never);
    if (!joined.ok) throw new Error(joined.message);
    people.push(joined.value.participant.id);
  }
  const poll = await a.run(id, facilitator, 'poll.create', 'p1', {
    kind: 'single',
    question: 'Which first?',
    options: [{ label: 'Shelter' }, { label: 'Hotline' }],
    anonymous,
  } as never);
  const { pollId } = (poll!.result as { ok: true; value: { result: { pollId: string } } }).value
    .result;
  await b.run(id, facilitator, 'poll.setState', 'p2', { pollId, state: 'open' });
  const optionIds = (await a.get(id))!.workshop.polls[0]!.options.map((o) => o.id);
  const vote = (i: number) =>
    (i % 2 ? a : b).run(
      id,
      { role: 'participant', participantId: people[i]! },
      'vote.cast',
      `v-${i}`,
      { pollId, answer: { kind: 'single', optionId: optionIds[i % 2]! } } as never,
      () => randomUUID(),
    );
  const raw = clients.at(-1)!;
  return {
    a,
    b,
    id,
    vote,
    fresh: () => new Workshops(open()),
    journal: () => raw.lrange(`${prefix}j:${id}`, 0, -1),
    data: async () => (await raw.hget(`${prefix}w:${id}`, 'data'))!,
  };
}

describe("the Redis store's journal", () => {
  it('writes a batch of votes as a short entry, not the whole record, and loads it back', async () => {
    const s = await setup(40, false);
    await Promise.all(Array.from({ length: 40 }, (_, i) => s.vote(i)));
    const entries = await s.journal();
    expect(entries.length).toBeGreaterThan(0);
    const record = JSON.stringify((await s.a.get(s.id))!);
    expect(record.length).toBeGreaterThan(10_000);
    for (const entry of entries) expect(entry.length).toBeLessThan(record.length / 3);
    // Every process, and one that starts now, sees every vote.
    for (const w of [s.a, s.b, s.fresh()]) {
      const poll = (await w.get(s.id))!.workshop.polls[0]!;
      expect(poll.voters).toHaveLength(40);
      expect(await w.get(s.id)).toEqual(JSON.parse(record));
    }
  });

  it('folds the journal into the record once it holds enough changes', async () => {
    const s = await setup(30, false, { compactEntries: 10 });
    for (let i = 0; i < 30; i++) await s.vote(i);
    await eventually(async () => expect((await s.journal()).length).toBeLessThan(10));
    const folded = JSON.parse(await s.data()) as { workshop: { polls: Array<{ voters: [] }> } };
    expect(folded.workshop.polls[0]!.voters.length).toBeGreaterThan(20);
    const fromScratch = await s.fresh().get(s.id);
    expect(fromScratch).toEqual(await s.a.get(s.id));
  });

  it('leaves no entry of an anonymous poll in the journal once folded, within the delay', async () => {
    const s = await setup(6, true, { sensitiveCompactMs: 200 });
    // Odd voters go through the first process, which folds after 200 ms.
    for (let i = 1; i < 6; i += 2) await s.vote(i);
    await eventually(async () => expect(await s.journal()).toEqual([]));
    const folded = JSON.parse(await s.data()) as { workshop: { polls: Array<{ voters: [] }> } };
    expect(folded.workshop.polls[0]!.voters).toHaveLength(3);
  });
});
