import { afterEach, describe, expect, it } from 'vitest';
import { connect, createWorkshop, join, send, startServer, type Running } from './harness.js';

let running: Running;
afterEach(async () => {
  await running.close();
});

const tryCode = (url: string, code: string, from: string) =>
  fetch(`${url}/api/join`, {
    method: 'POST',
    // Behind a proxy on this machine, the client's address comes from X-Forwarded-For.
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ joinCode: code, name: 'Guesser', country: 'PH' }),
  });

describe('join-code guessing', () => {
  it('is throttled per address after repeated wrong codes, while others still join', async () => {
    running = await startServer(undefined, undefined, { rateLimits: { wrongCodesPerMinute: 5 } });
    const w = await createWorkshop(running.url);
    const statuses: number[] = [];
    for (const code of ['AAAAAA', 'AAAAAB', 'AAAAAC', 'AAAAAD', 'AAAAAE', 'AAAAAF', 'AAAAAG']) {
      statuses.push((await tryCode(running.url, code, '10.9.9.9')).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    const blocked = await tryCode(running.url, w.joinCode, '10.9.9.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await tryCode(running.url, w.joinCode, '10.9.9.10')).status).toBe(201);
  });

  it('never slows a whole room joining from one venue address', async () => {
    running = await startServer(undefined, undefined, { rateLimits: { wrongCodesPerMinute: 5 } });
    const w = await createWorkshop(running.url);
    const joined = await Promise.all(
      Array.from({ length: 40 }, (_, i) => join(running.url, w.joinCode, `Person ${i}`)),
    );
    expect(joined).toHaveLength(40);
  });
});

describe('a socket flooding events', () => {
  it('gets rate-limit errors, is then disconnected, and others keep working', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url, { template: 'victim-centred' });
    const p = await join(running.url, w.joinCode);
    const flooder = await connect(running.url, w.id, { kind: 'participant', token: p.token });
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    const disconnected = new Promise<string>((resolve) => flooder.socket.on('disconnect', resolve));
    const acks = await Promise.all(
      Array.from({ length: 1000 }, () =>
        send(flooder, 'me.update', { city: 'Davao' }).catch(
          () => ({ ok: false, code: 'lost' }) as const,
        ),
      ),
    );
    const codes = acks.map((a) => (a.ok ? 'ok' : a.code));
    // Those let through before the disconnect were applied; their acks went with the connection.
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThan(100);
    expect(await disconnected).toBe('io server disconnect');
    expect(await send(facilitator, 'activity.step', { direction: 'next' })).toEqual({ ok: true });
    facilitator.socket.close();
  });
});
