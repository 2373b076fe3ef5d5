import type { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { DocStore } from './doc-store.js';

/**
 * Documents in Redis, for several processes: a snapshot (`<prefix>d:<name>:snap`) and a list
 * of updates appended since (`<prefix>d:<name>:log`). Each process appends the updates of its
 * own clients. Compaction merges the snapshot with the first N log entries it read and, in one
 * Lua call, stores the merge and drops exactly those N: entries another process appended
 * meanwhile stay in the log.
 */
export class RedisDocStore implements DocStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'plenary:',
  ) {
    redis.defineCommand('plenaryCompact', {
      numberOfKeys: 2,
      lua: `
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('LTRIM', KEYS[2], tonumber(ARGV[2]), -1)
        return 1`,
    });
  }

  private keys(name: string) {
    const base = `${this.prefix}d:${name}`;
    return { snap: `${base}:snap`, log: `${base}:log` };
  }

  async load(name: string): Promise<Uint8Array[]> {
    const { snap, log } = this.keys(name);
    const [[, snapshot], [, entries]] = (await this.redis
      .multi()
      .getBuffer(snap)
      .lrangeBuffer(log, 0, -1)
      .exec()) as [[unknown, Buffer | null], [unknown, Buffer[]]];
    return [...(snapshot ? [snapshot] : []), ...entries].map((b) => new Uint8Array(b));
  }

  async append(name: string, update: Uint8Array): Promise<void> {
    await this.redis.rpush(this.keys(name).log, Buffer.from(update));
  }

  async compact(name: string, snapshot: Uint8Array): Promise<void> {
    const { snap, log } = this.keys(name);
    const entries = await this.redis.lrangeBuffer(log, 0, -1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot);
    for (const e of entries) Y.applyUpdate(doc, new Uint8Array(e));
    const merged = Buffer.from(Y.encodeStateAsUpdate(doc));
    doc.destroy();
    await (
      this.redis as unknown as {
        plenaryCompact(...args: Array<string | number | Buffer>): Promise<number>;
      }
    ).plenaryCompact(snap, log, merged, entries.length);
  }

  async delete(name: string): Promise<void> {
    const { snap, log } = this.keys(name);
    await this.redis.del(snap, log);
  }

  async deleteWorkshop(workshopId: string): Promise<void> {
    if (!/^[a-z0-9]{1,64}$/.test(workshopId)) return;
    const stream = this.redis.scanStream({ match: `${this.prefix}d:${workshopId}/*`, count: 200 });
    for await (const keys of stream as AsyncIterable<string[]>)
      if (keys.length > 0) await this.redis.del(...keys);
  }

  async close(): Promise<void> {}
}
