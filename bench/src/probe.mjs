// Preloaded into a server under test (`node --expose-gc --import probe.mjs main.js`): measures
// event-loop delay, GC and memory from inside the process without changing the server, and
// answers the harness over the IPC channel. Plain JavaScript: no loader runs in the server.
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { writeHeapSnapshot } from 'node:v8';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

if (process.send) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let gcCount = 0;
  let gcMs = 0;
  let gcMaxMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcCount++;
      gcMs += entry.duration;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });

  const ms = (ns) => ns / 1e6;
  const stats = () => {
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    return {
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      rss: m.rss,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      loop: {
        p50: ms(loop.percentile(50)),
        p99: ms(loop.percentile(99)),
        max: ms(loop.max),
        mean: ms(loop.mean),
        samples: loop.count,
      },
      gc: { count: gcCount, ms: gcMs, maxMs: gcMaxMs },
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
  };

  /** A CPU profile of one measured phase (`pnpm bench --profile`), through the inspector. */
  let session = null;
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );

  const ops = {
    stats: async () => stats(),
    heapSnapshot: async (file) => {
      globalThis.gc?.();
      return writeHeapSnapshot(file);
    },
    profileStart: async () => {
      session = new Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
      return stats();
    },
    profileStop: async (file) => {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      session = null;
      await writeFile(file, JSON.stringify(profile));
      return stats();
    },
    reset: async () => {
      loop.reset();
      gcCount = 0;
      gcMs = 0;
      gcMaxMs = 0;
      return stats();
    },
    // Full collections until the heap stops shrinking, then the numbers.
    gc: async () => {
      if (typeof globalThis.gc !== 'function') throw new Error('start the server with --expose-gc');
      let last = Infinity;
      for (let i = 0; i < 6; i++) {
        globalThis.gc();
        await new Promise((r) => setImmediate(r));
        const used = process.memoryUsage().heapUsed;
        if (last - used < 64 * 1024) break;
        last = used;
      }
      return stats();
    },
  };

  process.on('message', (msg) => {
    if (!msg || typeof msg !== 'object' || msg.probe !== true) return;
    const op = ops[msg.op];
    const reply = (body) => process.send?.({ probe: true, id: msg.id, ...body });
    if (!op) return reply({ error: `unknown probe op ${msg.op}` });
    op(msg.arg).then(
      (result) => reply({ result }),
      (error) => reply({ error: String(error) }),
    );
  });
  // The channel must not keep a stopping server alive.
  process.channel?.unref();
}
