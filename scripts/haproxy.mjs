// HAProxy (Debian's `haproxy` package) in front of several Plenary processes on one Redis, as
// the README's "Several processes on Redis" runs it; used by the failover test and the bench.
//
//   node scripts/haproxy.mjs --port 3000 127.0.0.1:3001 127.0.0.1:3002   # run it
//   node scripts/haproxy.mjs --print --port 3000 127.0.0.1:3001 127.0.0.1:3002   # its config
//
// No sticky sessions: socket.io runs WebSocket-only (as the web client connects) and /yjs is
// a WebSocket, so each connection stays where it was balanced, and any process serves it.
// When a process dies, its connections close (the kernel resets them), the clients reconnect,
// and a new connection to the dead process is retried on another (`retries`, `redispatch`)
// before the health check has even marked it down.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

/** The haproxy binary: HAPROXY, Debian's, or the one on PATH; undefined when there is none. */
export function findHaproxy() {
  const configured = process.env.HAPROXY;
  const candidates = configured ? [configured] : ['/usr/sbin/haproxy', 'haproxy'];
  for (const c of candidates) {
    if (existsSync(c)) return c;
    if (spawnSync('sh', ['-c', `command -v "${c}"`], { stdio: 'ignore' }).status === 0) return c;
  }
  return undefined;
}

/**
 * The configuration: `port` on `host` in front of `backends` ("host:port"), taken in turn.
 * The health check asks /api/health with a Host the servers answer (loopback).
 */
export function haproxyConfig({ host = '127.0.0.1', port, backends, checkMs = 1000 }) {
  return [
    // No global maxconn: HAProxy derives it from the file descriptors it may open.
    'global',
    'defaults',
    '  mode http',
    // A new connection to the process per request: Node closes an idle one after 5 s, and a
    // request HAProxy sent on it as it closed (a join is a POST) would fail with a 502.
    '  option http-server-close',
    // A refused connection (a dead process not yet marked down) is tried again on another one,
    // after min(timeout connect, 1 s): keep that short on a local network.
    '  option redispatch 1',
    '  retries 2',
    '  timeout connect 300ms',
    '  timeout client 60s',
    '  timeout server 60s',
    // An open WebSocket is a tunnel: idle for long between edits.
    '  timeout tunnel 1h',
    // A busy process answers its health check late: that is not a dead one.
    '  timeout check 2s',
    'frontend plenary',
    `  bind ${host}:${port}`,
    '  default_backend processes',
    'backend processes',
    // In turn: long-lived WebSockets on equal processes, and a test knows where each goes.
    '  balance roundrobin',
    '  option httpchk',
    '  http-check send meth GET uri /api/health ver HTTP/1.1 hdr Host localhost',
    // Marked down at the first refused connection of real traffic, or three failed checks.
    `  default-server inter ${checkMs} fall 3 rise 2 observe layer4 error-limit 1 on-error mark-down on-marked-down shutdown-sessions`,
    ...backends.map((b, i) => `  server p${i} ${b} check`),
    '',
  ].join('\n');
}

/**
 * Starts haproxy in the foreground with that configuration, in a fresh folder; resolves once it
 * accepts connections. `stop()` ends it and removes the folder.
 */
export async function startHaproxy(options) {
  const dir = await mkdtemp(join(tmpdir(), 'plenary-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  await writeFile(file, haproxyConfig(options));
  const binary = findHaproxy();
  if (!binary) throw new Error('haproxy is missing: apt-get install haproxy (or set HAPROXY)');
  const child = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d.toString()));
  child.stderr.on('data', (d) => (output += d.toString()));
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host}:${options.port}`;
  await new Promise((ready, failed) => {
    child.once('error', failed);
    child.once('exit', (code) => failed(new Error(`haproxy exited (${code}): ${output}`)));
    const poll = async () => {
      if (child.exitCode !== null) return;
      try {
        await fetch(`${url}/api/health`);
        ready();
      } catch {
        setTimeout(poll, 50);
      }
    };
    void poll();
  });
  child.removeAllListeners('exit');
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '0.0.0.0' },
      print: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) {
    console.error('usage: node scripts/haproxy.mjs [--port 3000] [--print] HOST:PORT HOST:PORT…');
    process.exit(2);
  }
  const options = { host: values.host, port: Number(values.port), backends: positionals };
  if (values.print) process.stdout.write(haproxyConfig(options));
  else {
    const balancer = await startHaproxy(options);
    console.log(`HAProxy on ${balancer.url} in front of ${positionals.join(', ')}`);
    balancer.child.stdout.pipe(process.stdout);
    balancer.child.stderr.pipe(process.stderr);
    for (const signal of ['SIGINT', 'SIGTERM'])
      process.on(signal, () => void balancer.stop().then(() => process.exit(0)));
  }
}
