import type { ServerOptions } from 'socket.io';
import { RedisBus, type Bus } from './bus.js';
import { RedisDocStore } from './coediting/redis-doc-store.js';
import { RedisStore } from './store/redis.js';

/** What joins several server processes: socket.io's adapter and our bus, both over Redis. */
export interface Cluster {
  adapter: ServerOptions['adapter'];
  bus: Bus;
  close(): Promise<void>;
}

/**
 * Everything a process needs to share workshops through one Redis: the workshop store, the
 * document store, socket.io's Redis Streams adapter (rooms and connection state across
 * processes) and the bus for Yjs updates and presence. Four connections: commands, the bus's
 * subscriber, the adapter's blocking stream reads, and one for its writes.
 *
 * The Redis client and the adapter load here, only when asked for: imported with the server,
 * they were 170 to 200 ms of every start on one process (bench/, scenario 7), which a restart
 * adds to the time everyone waits to get back in.
 */
export async function connectCluster(url: string, prefix = 'plenary:') {
  const [{ Redis }, { createAdapter }] = await Promise.all([
    import('ioredis'),
    import('@socket.io/redis-streams-adapter'),
  ]);
  const options = { lazyConnect: true, maxRetriesPerRequest: 20 };
  const main = new Redis(url, options);
  const sub = new Redis(url, options);
  const adapterClient = new Redis(url, options);
  await Promise.all([main.connect(), sub.connect(), adapterClient.connect()]);
  const bus = new RedisBus(main, sub, `${prefix}bus:`);
  const cluster: Cluster = {
    adapter: createAdapter(adapterClient, { streamName: `${prefix}socket.io` }),
    bus,
    async close() {
      await bus.close();
      for (const c of [sub, adapterClient, main]) c.disconnect();
    },
  };
  return {
    cluster,
    store: new RedisStore(main, prefix),
    docStore: new RedisDocStore(main, prefix),
  };
}
