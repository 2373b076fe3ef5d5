import type { Redis } from 'ioredis';
import type { Store, StoredWorkshop } from './store.js';

/**
 * Workshops in Redis, shared by several server processes. A record lives in a hash
 * `<prefix>w:<id>` with its JSON (`data`) and a version (`v`) that every write increments.
 * `saveIfUnchanged` writes only when the version is still the one the change was computed
 * from (a Lua script, so atomic): two processes running commands for one workshop at once
 * never lose each other's writes; the loser retries on the fresh state.
 *
 * Durability is Redis's: run it with `appendonly yes` (and `appendfsync always` to have every
 * acknowledged command on disk, `everysec` to risk the last second on power loss).
 */
export class RedisStore implements Store {
  readonly shared = true;
  /** The version each record object was read or written at. */
  private readonly versions = new WeakMap<StoredWorkshop, number>();
  /** The last record seen per workshop: reading the version alone tells whether it is current. */
  private readonly cache = new Map<string, { version: number; record: StoredWorkshop }>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'plenary:',
  ) {
    redis.defineCommand('plenarySaveIf', {
      numberOfKeys: 3,
      // KEYS: record, join-code key, index set. ARGV: expected version, JSON, id.
      lua: `
        local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if v ~= tonumber(ARGV[1]) then return -1 end
        redis.call('HSET', KEYS[1], 'v', v + 1, 'data', ARGV[2])
        redis.call('SET', KEYS[2], ARGV[3])
        redis.call('SADD', KEYS[3], ARGV[3])
        return v + 1`,
    });
  }

  private key = (id: string) => `${this.prefix}w:${id}`;
  private codeKey = (code: string) => `${this.prefix}code:${code}`;
  private indexKey = () => `${this.prefix}workshops`;

  async load(id: string): Promise<StoredWorkshop | undefined> {
    const cached = this.cache.get(id);
    const current = await this.redis.hget(this.key(id), 'v');
    if (current === null) {
      this.cache.delete(id);
      return undefined;
    }
    if (cached && cached.version === Number(current)) return cached.record;
    const [v, data] = await this.redis.hmget(this.key(id), 'v', 'data');
    if (!v || !data) return undefined;
    const record = JSON.parse(data) as StoredWorkshop;
    this.remember(id, record, Number(v));
    return record;
  }

  idForJoinCode(joinCode: string): Promise<string | undefined> {
    return this.redis.get(this.codeKey(joinCode)).then((id) => id ?? undefined);
  }

  /** Unconditional write (a new workshop). */
  async save(record: StoredWorkshop): Promise<void> {
    const { id } = record.workshop;
    const v = await this.redis.hincrby(this.key(id), 'v', 1);
    await this.redis
      .multi()
      .hset(this.key(id), 'data', JSON.stringify(record))
      .set(this.codeKey(record.workshop.joinCode), id)
      .sadd(this.indexKey(), id)
      .exec();
    this.remember(id, record, v);
  }

  async saveIfUnchanged(record: StoredWorkshop, from: StoredWorkshop): Promise<boolean> {
    const { id, joinCode } = record.workshop;
    const expected = this.versions.get(from) ?? 0;
    const written = (await (
      this.redis as unknown as {
        plenarySaveIf(...args: Array<string | number>): Promise<number>;
      }
    ).plenarySaveIf(
      this.key(id),
      this.codeKey(joinCode),
      this.indexKey(),
      expected,
      JSON.stringify(record),
      id,
    )) as number;
    if (written < 0) return false;
    this.remember(id, record, written);
    return true;
  }

  async delete(id: string): Promise<void> {
    const record = await this.load(id);
    const multi = this.redis.multi().del(this.key(id)).srem(this.indexKey(), id);
    if (record) multi.del(this.codeKey(record.workshop.joinCode));
    await multi.exec();
    this.cache.delete(id);
  }

  list(): Promise<string[]> {
    return this.redis.smembers(this.indexKey());
  }

  async close(): Promise<void> {
    this.cache.clear();
  }

  private remember(id: string, record: StoredWorkshop, version: number) {
    this.versions.set(record, version);
    this.cache.set(id, { version, record });
  }
}
