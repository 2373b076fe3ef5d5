import type { Redis } from 'ioredis';
import { applyChange, changeBetween, isSensitive, type Change } from './record-change.js';
import type { Store, StoredWorkshop } from './store.js';

export interface RedisStoreOptions {
  /** How soon a journal holding a sensitive change (see record-change.ts) is folded. */
  sensitiveCompactMs?: number;
  /** A journal is folded into its record once it holds this many changes. */
  compactEntries?: number;
}

const SENSITIVE_COMPACT_MS = 1000;
const COMPACT_ENTRIES = 500;
/** How long a turn lasts at most (a process that died holding it). */
const TURN_MS = 1000;
/** A process still waiting after this goes ahead anyway (the compare-and-set keeps it safe). */
const TURN_WAIT_MS = 5000;

type Scripted = Redis & {
  plenaryLoad(...args: Array<string | number>): Promise<LoadReply | null>;
  plenaryPut(...args: Array<string | number>): Promise<number>;
  plenaryAppend(...args: Array<string | number>): Promise<[number, number] | -1>;
  plenaryFold(...args: Array<string | number>): Promise<number>;
  plenaryTurn(...args: Array<string | number>): Promise<number>;
  plenaryTurnEnd(...args: Array<string | number>): Promise<number>;
};
/** Version, version of `data`, `data` ('' when the caller's copy is recent enough), entries. */
type LoadReply = [number] | [number, number, string, string[]];

/**
 * Workshops in Redis, shared by several server processes. A workshop is a hash `<prefix>w:<id>`
 * holding its version (`v`, incremented by every write), a record as JSON (`data`) and the
 * version that record is at (`b`), and a journal `<prefix>j:<id>`: a list of the changes from
 * version `b` to `v`, one per write (the changes a batch of commands made and its command ids;
 * see record-change.ts). A write appends its change only when the version is still the one it
 * was computed from (a Lua script, so atomic): two processes running commands for one workshop
 * never lose each other's writes; the loser retries on the fresh state. A load brings this
 * process's last copy up to date with the entries it has not seen, in the same round trip.
 *
 * A batch of votes is a few hundred bytes each way, not the whole record (290 KB with 1,000
 * participants) written per batch and read back by the other process (bench/, scenario 9).
 * The journal is folded into `data` once it holds COMPACT_ENTRIES changes, and within a second
 * of a change to an anonymous poll, whose entry pairs the voter with the ballot (as the embedded
 * store does; Redis's own append-only file keeps its history until Redis rewrites it).
 *
 * Durability is Redis's: run it with `appendonly yes` (and `appendfsync always` to have every
 * acknowledged command on disk, `everysec` to risk the last second on power loss).
 */
export class RedisStore implements Store {
  readonly shared = true;
  /** The version each record object was read or written at. */
  private readonly versions = new WeakMap<StoredWorkshop, number>();
  /** The last record seen per workshop, brought up to date by the journal's newer entries. */
  private readonly cache = new Map<string, { version: number; record: StoredWorkshop }>();
  private readonly redis: Scripted;
  private readonly folds = new Map<string, NodeJS.Timeout>();
  private readonly sensitiveCompactMs: number;
  private readonly compactEntries: number;
  /** Names this store (this process) in the turn queues. */
  private readonly me = Math.random().toString(36).slice(2);

  constructor(
    redis: Redis,
    private readonly prefix = 'plenary:',
    options: RedisStoreOptions = {},
  ) {
    this.sensitiveCompactMs = options.sensitiveCompactMs ?? SENSITIVE_COMPACT_MS;
    this.compactEntries = options.compactEntries ?? COMPACT_ENTRIES;
    this.redis = redis as Scripted;
    // Records written before the journal have no `b`: their `data` is at `v`.
    const versions = `
      local h = redis.call('HMGET', KEYS[1], 'v', 'b')
      local v = tonumber(h[1] or '0')
      local b = tonumber(h[2] or h[1] or '0')`;
    // KEYS: record, journal. ARGV: the version of the caller's copy (-1: none).
    redis.defineCommand('plenaryLoad', {
      numberOfKeys: 2,
      lua: `${versions}
        if not h[1] then return nil end
        local c = tonumber(ARGV[1])
        if c == v then return {v} end
        if c >= b and c < v then
          return {v, b, '', redis.call('LRANGE', KEYS[2], c - b, -1)}
        end
        return {v, b, redis.call('HGET', KEYS[1], 'data'), redis.call('LRANGE', KEYS[2], 0, -1)}`,
    });
    // KEYS: record, journal, join-code key, index set. ARGV: JSON, id.
    redis.defineCommand('plenaryPut', {
      numberOfKeys: 4,
      lua: `
        local v = redis.call('HINCRBY', KEYS[1], 'v', 1)
        redis.call('HSET', KEYS[1], 'b', v, 'data', ARGV[1])
        redis.call('DEL', KEYS[2])
        redis.call('SET', KEYS[3], ARGV[2])
        redis.call('SADD', KEYS[4], ARGV[2])
        return v`,
    });
    // KEYS: record, journal. ARGV: expected version, the change as JSON. Returns the new
    // version and the journal's length, or -1.
    redis.defineCommand('plenaryAppend', {
      numberOfKeys: 2,
      lua: `${versions}
        if not h[1] or v ~= tonumber(ARGV[1]) then return -1 end
        local length = redis.call('RPUSH', KEYS[2], ARGV[2])
        redis.call('HSET', KEYS[1], 'v', v + 1, 'b', b)
        return {v + 1, length}`,
    });
    // KEYS: record, journal. ARGV: the version the JSON is at, the JSON.
    redis.defineCommand('plenaryFold', {
      numberOfKeys: 2,
      lua: `${versions}
        local at = tonumber(ARGV[1])
        if not h[1] or at <= b or at > v then return 0 end
        redis.call('HSET', KEYS[1], 'b', at, 'data', ARGV[2])
        redis.call('LTRIM', KEYS[2], at - b, -1)
        return 1`,
    });
    // A fair turn per workshop: waiters queue in arrival order (a sorted set by Redis's clock;
    // one gone for 3 s is dropped), and the first in line takes the turn when it is free.
    // KEYS: turn, queue. ARGV: me, turn ms.
    redis.defineCommand('plenaryTurn', {
      numberOfKeys: 2,
      lua: `
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 3000)
        redis.call('ZADD', KEYS[2], 'NX', now, ARGV[1])
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        if redis.call('ZRANGE', KEYS[2], 0, 0)[1] ~= ARGV[1] then return 0 end
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1`,
    });
    // KEYS: turn. ARGV: me.
    redis.defineCommand('plenaryTurnEnd', {
      numberOfKeys: 1,
      lua: `
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0`,
    });
  }

  private key = (id: string) => `${this.prefix}w:${id}`;
  private turnKey = (id: string) => `${this.prefix}turn:${id}`;
  private queueKey = (id: string) => `${this.prefix}turns:${id}`;
  private journalKey = (id: string) => `${this.prefix}j:${id}`;
  private codeKey = (code: string) => `${this.prefix}code:${code}`;
  private indexKey = () => `${this.prefix}workshops`;

  async load(id: string): Promise<StoredWorkshop | undefined> {
    const cached = this.cache.get(id);
    const reply = await this.redis.plenaryLoad(
      this.key(id),
      this.journalKey(id),
      cached?.version ?? -1,
    );
    if (!reply) {
      this.cache.delete(id);
      return undefined;
    }
    const [v, b, data, entries] = reply;
    if (b === undefined) return cached!.record;
    // Another load may have brought the copy further meanwhile: never go back.
    const now = this.cache.get(id);
    if (now && now.version >= v) return now.record;
    let record = data ? (JSON.parse(data) as StoredWorkshop) : cached!.record;
    for (const entry of entries!) record = applyChange(record, JSON.parse(entry) as Change);
    this.remember(id, record, v);
    return record;
  }

  idForJoinCode(joinCode: string): Promise<string | undefined> {
    return this.redis.get(this.codeKey(joinCode)).then((id) => id ?? undefined);
  }

  /** Unconditional write (a new workshop), of the whole record. */
  async save(record: StoredWorkshop): Promise<void> {
    const { id, joinCode } = record.workshop;
    const v = await this.redis.plenaryPut(
      this.key(id),
      this.journalKey(id),
      this.codeKey(joinCode),
      this.indexKey(),
      JSON.stringify(record),
      id,
    );
    this.remember(id, record, v);
  }

  async saveIfUnchanged(record: StoredWorkshop, from: StoredWorkshop): Promise<boolean> {
    const { id } = record.workshop;
    const expected = this.versions.get(from);
    if (expected === undefined) return false;
    const change = changeBetween(from, record);
    const appended = await this.redis.plenaryAppend(
      this.key(id),
      this.journalKey(id),
      expected,
      JSON.stringify(change),
    );
    if (appended === -1) return false;
    const [version, length] = appended;
    this.remember(id, record, version);
    if (isSensitive(change, from, record)) this.foldSoon(id, this.sensitiveCompactMs);
    else if (length >= this.compactEntries) this.foldSoon(id, 0);
    return true;
  }

  async exclusive<T>(id: string, run: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + TURN_WAIT_MS;
    let mine = false;
    while (!mine && Date.now() < deadline) {
      mine =
        (await this.redis.plenaryTurn(this.turnKey(id), this.queueKey(id), this.me, TURN_MS)) === 1;
      if (!mine) await new Promise((r) => setTimeout(r, 1));
    }
    try {
      return await run();
    } finally {
      // Unreachable Redis: the turn lapses by itself within TURN_MS.
      if (mine) await this.redis.plenaryTurnEnd(this.turnKey(id), this.me).catch(() => undefined);
    }
  }

  async delete(id: string): Promise<void> {
    const record = await this.load(id);
    const multi = this.redis
      .multi()
      .del(this.key(id), this.journalKey(id))
      .srem(this.indexKey(), id);
    if (record) multi.del(this.codeKey(record.workshop.joinCode));
    await multi.exec();
    this.cache.delete(id);
  }

  list(): Promise<string[]> {
    return this.redis.smembers(this.indexKey());
  }

  async close(): Promise<void> {
    const pending = [...this.folds.keys()];
    for (const timer of this.folds.values()) clearTimeout(timer);
    this.folds.clear();
    await Promise.all(pending.map((id) => this.fold(id).catch(() => undefined)));
    this.cache.clear();
  }

  /** Folds the journal into the record: now, or soon, whatever writes happen meanwhile. */
  async fold(id: string): Promise<void> {
    clearTimeout(this.folds.get(id));
    this.folds.delete(id);
    const record = await this.load(id);
    const version = record && this.versions.get(record);
    if (!record || version === undefined) return;
    await this.redis.plenaryFold(
      this.key(id),
      this.journalKey(id),
      version,
      JSON.stringify(record),
    );
  }

  private foldSoon(id: string, ms: number): void {
    if (this.folds.has(id)) return;
    const timer = setTimeout(() => {
      this.folds.delete(id);
      // Redis unreachable: try again later (a sensitive change must not stay in the journal).
      this.fold(id).catch(() => this.foldSoon(id, Math.max(ms, this.sensitiveCompactMs)));
    }, ms);
    timer.unref();
    this.folds.set(id, timer);
  }

  private remember(id: string, record: StoredWorkshop, version: number) {
    this.versions.set(record, version);
    this.cache.set(id, { version, record });
  }
}
