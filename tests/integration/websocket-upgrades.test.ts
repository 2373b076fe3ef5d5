import { afterEach, describe, expect, it } from 'vitest';
import { connect, createWorkshop, startServer, type Running } from './harness.js';
import { keepAlive, rawUpgrade, until } from './raw-upgrade.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const connections = (r: Running) =>
  new Promise<number>((resolve, reject) =>
    r.server.http.getConnections((error, n) => (error ? reject(error) : resolve(n))),
  );

describe('WebSocket upgrades', () => {
  it('refuses an upgrade to a path nobody serves with 400 and closes the connection', async () => {
    running = await startServer();
    const upgrade = await rawUpgrade(running.url, '/nowhere');
    await upgrade.closed;
    expect(upgrade.received()).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('holds no socket once the clients of refused upgrades have left', async () => {
    running = await startServer();
    const upgrades = await Promise.all(
      Array.from({ length: 30 }, (_, i) => rawUpgrade(running!.url, `/elsewhere/${i}`)),
    );
    // Each client leaves at once, as a scanner does, without waiting for an answer.
    for (const u of upgrades) u.socket.end();
    await until(() => connections(running!), 0);
  });

  it('answers an upgrade to a document it cannot open, and closes it', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    // No document there (the credential comes after the upgrade, in the socket's first message).
    const upgrade = await rawUpgrade(running.url, `/yjs/${w.id}/nothing/more`);
    await upgrade.closed;
    expect(upgrade.received()).toMatch(/^HTTP\/1\.1 404 /);
  });

  it("still takes socket.io's upgrades", async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    const live = await connect(running.url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    expect(live.welcome.role).toBe('facilitator');
    live.socket.close();
  });
});

describe('stopping the server', () => {
  it('closes every socket it holds, even one whose client never answers the closing handshake', async () => {
    running = await startServer();
    // A socket.io WebSocket whose client reads nothing and never answers (a laptop gone to sleep).
    const silent = await rawUpgrade(running.url, '/socket.io/?EIO=4&transport=websocket');
    await until(() => silent.received().startsWith('HTTP/1.1 101'), true);
    const idle = await keepAlive(running.url);
    const refused = await rawUpgrade(running.url, '/nowhere');
    await running.close();
    running = undefined;
    await Promise.all([silent.closed, idle.closed, refused.closed]);
  });
});
