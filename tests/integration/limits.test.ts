import { afterEach, describe, expect, it } from 'vitest';
import { connect, createWorkshop, join, post, send, startServer, type Running } from './harness.js';

let running: Running;
afterEach(async () => {
  await running.close();
});

const tryCode = (url: string, code: string, from: string) =>
  fetch(`${url}/api/join`, {
    method: 'POST',
    // Behind a proxy on this machine (TRUST_PROXY=loopback), the address is X-Forwarded-For's.
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ joinCode: code, name: 'Guesser', country: 'PH' }),
  });
const lookUp = (url: string, code: string, from: string) =>
  fetch(`${url}/api/join/${code}`, { headers: { 'x-forwarded-for': from } });
const wrongCodes = ['AAAAAA', 'AAAAAB', 'AAAAAC', 'AAAAAD', 'AAAAAE', 'AAAAAF', 'AAAAAG'];

describe('join-code guessing', () => {
  it('is throttled per address after repeated wrong codes, while others still join', async () => {
    running = await startServer(undefined, undefined, {
      rateLimits: { wrongCodesPerMinute: 5 },
      trustProxy: 'loopback',
    });
    const w = await createWorkshop(running.url);
    const statuses: number[] = [];
    for (const code of wrongCodes)
      statuses.push((await tryCode(running.url, code, '10.9.9.9')).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    // A right code is refused like a wrong one (or 429 would mean "wrong"): nobody joined it here.
    const blocked = await tryCode(running.url, w.joinCode, '10.9.9.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await lookUp(running.url, w.joinCode, '10.9.9.9')).status).toBe(429);
    expect((await tryCode(running.url, w.joinCode, '10.9.9.10')).status).toBe(201);
  });

  it("lets the venue's own code through from its address while a guesser there is throttled", async () => {
    running = await startServer(undefined, undefined, {
      rateLimits: { wrongCodesPerMinute: 5 },
      trustProxy: 'loopback',
    });
    const venue = await createWorkshop(running.url);
    const elsewhere = await createWorkshop(running.url);
    expect((await tryCode(running.url, venue.joinCode, '10.9.9.9')).status).toBe(201);
    for (const code of wrongCodes) await tryCode(running.url, code, '10.9.9.9');
    expect((await tryCode(running.url, 'AAAAAH', '10.9.9.9')).status).toBe(429);
    expect((await lookUp(running.url, venue.joinCode, '10.9.9.9')).status).toBe(200);
    expect((await tryCode(running.url, venue.joinCode, '10.9.9.9')).status).toBe(201);
    // Another workshop's right code stays refused: the guesser learns nothing from the answer.
    expect((await tryCode(running.url, elsewhere.joinCode, '10.9.9.9')).status).toBe(429);
    expect((await running.server.workshops.get(elsewhere.id))!.workshop.participants).toEqual([]);
  });

  it("counts the connection's own address, not the X-Forwarded-For it claims, unless a proxy is configured", async () => {
    running = await startServer(undefined, undefined, { rateLimits: { wrongCodesPerMinute: 5 } });
    const w = await createWorkshop(running.url);
    // A guesser naming a new address each time is still one address.
    for (const [i, code] of wrongCodes.entries()) await tryCode(running.url, code, `10.0.0.${i}`);
    expect((await tryCode(running.url, 'AAAAAH', '10.0.0.99')).status).toBe(429);
    expect((await tryCode(running.url, w.joinCode, '10.0.0.100')).status).toBe(429);
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

describe('creating and restoring workshops', () => {
  it('is limited per address with a JSON 429 and Retry-After, and the refused create nothing', async () => {
    running = await startServer(undefined, undefined, {
      rateLimits: { creationsPerMinute: 3 },
      trustProxy: 'loopback',
    });
    const create = (from: string) =>
      fetch(`${running.url}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ title: 'Regional training' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await create('10.1.1.1')).status);
    expect(statuses).toEqual([201, 201, 201]);
    const before = await running.store.list();
    const refused = await create('10.1.1.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(await running.store.list()).toEqual(before);
    expect((await create('10.1.1.2')).status).toBe(201);
  });

  it('limits restores per address before reading the backup', async () => {
    running = await startServer(undefined, undefined, { rateLimits: { restoresPerMinute: 2 } });
    const w = await createWorkshop(running.url);
    const backup: unknown = await (
      await fetch(`${running.url}/api/workshops/${w.id}/export.json`, {
        headers: { authorization: `Bearer ${w.facilitatorKey}` },
      })
    ).json();
    const importUrl = `${running.url}/api/workshops/import`;
    expect((await post(importUrl, backup)).status).toBe(201);
    expect((await post(importUrl, {})).status).toBe(400);
    const before = await running.store.list();
    const refused = await post<{ error: { code: string } }>(importUrl, backup);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(await running.store.list()).toEqual(before);
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
