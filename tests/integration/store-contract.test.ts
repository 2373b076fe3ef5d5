import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import {
  LowdbStore,
  MemoryStore,
  RedisStore,
  type Store,
  type StoredWorkshop,
} from '@plenary/server';
import { Workshops, type AppliedChange } from '../../server/src/workshops.js';
import { workshop } from '../unit/fixtures.js';
import { startRedis, type RedisProcess } from './redis-process.js';

let redis: RedisProcess;
const clients: Redis[] = [];
const dirs: string[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis.stop();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const connectRedis = () => {
  const c = new Redis(redis.url);
  clients.push(c);
  return c;
};
let prefixes = 0;

/** Each store kind, fresh; `twin` opens a second handle on the same data (another process). */
const kinds: Record<string, () => Promise<{ store: Store; twin?: () => Store }>> = {
  memory: async () => ({ store: new MemoryStore() }),
  lowdb: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plenary-contract-'));
    dirs.push(dir);
    return { store: await LowdbStore.open(dir) };
  },
  redis: async () => {
    const prefix = `contract${++prefixes}:`;
    return {
      store: new RedisStore(connectRedis(), prefix),
      twin: () => new RedisStore(connectRedis(), prefix),
    };
  },
};

const record = (id: string, joinCode: string, title = 'Regional training'): StoredWorkshop => ({
  workshop: { ...workshop(), id, joinCode, title },
  recentCommands: ['c1'],
});

describe.each(Object.keys(kinds))('the %s store', (kind) => {
  it('returns what was saved, finds it by join code, lists it, and forgets it when deleted', async () => {
    const { store } = await kinds[kind]!();
    expect(await store.load('nope')).toBeUndefined();
    const a = record('wa', 'AAAAAA');
    await store.save(a);
    await store.save(record('wb', 'BBBBBB'));
    expect(await store.load('wa')).toEqual(a);
    expect(await store.idForJoinCode('AAAAAA')).toBe('wa');
    expect((await store.list()).sort()).toEqual(['wa', 'wb']);
    await store.save(record('wa', 'AAAAAA', 'Renamed'));
    expect((await store.load('wa'))!.workshop.title).toBe('Renamed');
    await store.delete('wa');
    expect(await store.load('wa')).toBeUndefined();
    expect(await store.idForJoinCode('AAAAAA')).toBeUndefined();
    expect(await store.list()).toEqual(['wb']);
    await store.close();
  });

  it('loses no command when many run at once, from one process or two', async () => {
    const { store, twin } = await kinds[kind]!();
    const created = await new Workshops(store).create({
      title: 'Contract day',
      template: 'blank',
      startsOn: null,
      endsOn: null,
      venue: '',
      retentionDays: null,
    });
    const id = created.workshop.id;
    // Two processes when the store can be shared; one otherwise. (At most 40 modules.)
    const one = new Workshops(store);
    const runners = [one, twin ? new Workshops(twin()) : one];
    // Broadcasting hears of each change once it applies: one event per command applied.
    const applied: AppliedChange[] = [];
    for (const r of new Set(runners)) r.events.on('applied', (change) => applied.push(change));
    const acks = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        runners[i % 2]!.run(id, { role: 'facilitator' }, 'module.add', `cmd-${i}`, {
          title: `Module ${i}`,
        }),
      ),
    );
    expect(acks.every((a) => a?.result.ok)).toBe(true);
    // A retry of each, through the other process: applied once.
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        runners[(i + 1) % 2]!.run(id, { role: 'facilitator' }, 'module.add', `cmd-${i}`, {
          title: `Module ${i}`,
        }),
      ),
    );
    const titles = (await runners[0]!.get(id))!.workshop.modules.map((m) => m.title);
    expect(titles).toHaveLength(30);
    expect(new Set(titles).size).toBe(30);
    // None for the retries (duplicates); each one a step of one module, for its command.
    expect(applied).toHaveLength(30);
    for (const change of applied) {
      expect(change).toMatchObject({ workshopId: id, name: 'module.add' });
      expect(change.after.modules).toHaveLength(change.before.modules.length + 1);
    }
    // A refused command changes nothing and announces nothing.
    const refused = await one.run(id, { role: 'facilitator' }, 'module.delete', 'cmd-bad', {
      moduleId: 'no-such-module',
    });
    expect(refused?.result.ok).toBe(false);
    expect(applied).toHaveLength(30);
  });
});

describe('a store shared by two processes (Redis)', () => {
  it('refuses a write computed from a state another process has changed since', async () => {
    const { store, twin } = await kinds.redis!();
    const other = twin!();
    const r = record('wc', 'CCCCCC');
    await store.save(r);
    const mine = (await store.load('wc'))!;
    const theirs = (await other.load('wc'))!;
    expect(await other.saveIfUnchanged!(record('wc', 'CCCCCC', 'Theirs'), theirs)).toBe(true);
    expect(await store.saveIfUnchanged!(record('wc', 'CCCCCC', 'Mine'), mine)).toBe(false);
    expect((await store.load('wc'))!.workshop.title).toBe('Theirs');
    const fresh = (await store.load('wc'))!;
    expect(await store.saveIfUnchanged!(record('wc', 'CCCCCC', 'Mine'), fresh)).toBe(true);
    expect((await other.load('wc'))!.workshop.title).toBe('Mine');
  });

  it('keeps one vote per participant when both processes take duplicates at once', async () => {
    const { store, twin } = await kinds.redis!();
    const a = new Workshops(store);
    const b = new Workshops(twin!());
    const created = await a.create({
      title: 'Votes',
      template: 'blank',
      startsOn: null,
      endsOn: null,
      venue: '',
      retentionDays: null,
    });
    const id = created.workshop.id;
    const joined = await a.join({
      joinCode: created.workshop.joinCode,
      name: 'Invented Lan',
      country: 'VN',
      city: '',
      organisation: '',
      role: '',
    } as never);
    if (!joined.ok) throw new Error(joined.message);
    const f = { role: 'facilitator' } as const;
    const poll = await a.run(id, f, 'poll.create', 'p1', {
      kind: 'single',
      question: 'Which first?',
      options: [{ label: 'Shelter' }, { label: 'Hotline' }],
    } as never);
    const pollId = (poll!.result as { ok: true; value: { result: { pollId: string } } }).value
      .result.pollId;
    await b.run(id, f, 'poll.setState', 'p2', { pollId, state: 'open' });
    const optionIds = (await a.get(id))!.workshop.polls[0]!.options.map((o) => o.id);
    const me = { role: 'participant', participantId: joined.value.participant.id } as const;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).run(id, me, 'vote.cast', `v-${i}`, {
          pollId,
          answer: { kind: 'single', optionId: optionIds[i % 2]! },
        } as never),
      ),
    );
    const stored = (await b.get(id))!.workshop.polls[0]!;
    expect(stored.voters).toEqual([joined.value.participant.id]);
    expect(Object.keys(stored.ballots)).toHaveLength(1);
  });
});
