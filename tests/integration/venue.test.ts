import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { lanOrigins } from '../../server/src/http/hosts.js';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  send,
  startServer,
  type Running,
} from './harness.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** A request with a Host header of the test's choosing (fetch does not let one set it). */
function requestAs(
  base: string,
  host: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; upgraded: boolean }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = httpRequest({
      host: '127.0.0.1',
      port: Number(port),
      path,
      method: init.method ?? 'GET',
      headers: {
        host,
        ...(body && { 'content-type': 'application/json' }),
        ...init.headers,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, upgraded: false }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '', upgraded: true });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const upgradeHeaders = (origin: string) => ({
  connection: 'Upgrade',
  upgrade: 'websocket',
  origin,
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
});

describe('where participants join', () => {
  it('tells the facilitator and the projector every network address of this machine', async () => {
    running = await startServer();
    const created = await createWorkshop(running.url);
    const port = Number(new URL(running.url).port);
    const ask = (bearer: string) =>
      fetch(`${running!.url}/api/workshops/${created.id}/join-origins`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
    const res = await ask(created.facilitatorKey);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      fixed: false,
      origins: lanOrigins(networkInterfaces(), port),
    });
    expect((await ask(created.screenKey)).status).toBe(200);
    const participant = await join(running.url, created.joinCode);
    expect((await ask(participant.token)).status).toBe(403);
    expect((await ask('not-a-key')).status).toBe(403);
  });

  it('gives PUBLIC_ORIGIN alone when it is set', async () => {
    running = await startServer(undefined, undefined, {
      publicOrigin: 'https://plenary.example.org',
    });
    const created = await createWorkshop(running.url);
    expect(created.joinUrl).toBe(`https://plenary.example.org/join/${created.joinCode}`);
    const res = await fetch(`${running.url}/api/workshops/${created.id}/join-origins`, {
      headers: { authorization: `Bearer ${created.facilitatorKey}` },
    });
    expect(await res.json()).toEqual({
      fixed: true,
      origins: [{ origin: 'https://plenary.example.org', label: 'PUBLIC_ORIGIN' }],
    });
  });

  it('keeps the address the facilitator chose, for every screen, and refuses a bad one', async () => {
    running = await startServer();
    const created = await createWorkshop(running.url);
    const facilitator = await connect(running.url, created.id, {
      kind: 'facilitator',
      key: created.facilitatorKey,
    });
    const screen = await connect(running.url, created.id, {
      kind: 'screen',
      key: created.screenKey,
    });
    expect(screen.session().joinOrigin).toBeNull();
    const chosen = await send(facilitator, 'workshop.update', {
      joinOrigin: 'http://192.168.1.20:3000',
    });
    expect(chosen.ok).toBe(true);
    await eventually(() => expect(screen.session().joinOrigin).toBe('http://192.168.1.20:3000'));

    for (const bad of ['javascript:alert(1)', 'http://192.168.1.20:3000/join/x', 'ftp://x']) {
      const refused = await send(facilitator, 'workshop.update', { joinOrigin: bad });
      expect(refused).toMatchObject({ ok: false, code: 'bad_request' });
    }
    expect(facilitator.session().joinOrigin).toBe('http://192.168.1.20:3000');
    const participant = await join(running.url, created.joinCode);
    const p = await connect(running.url, created.id, {
      kind: 'participant',
      token: participant.token,
    });
    const forbidden = await send(p, 'workshop.update', { joinOrigin: 'http://10.0.0.1:3000' });
    expect(forbidden).toMatchObject({ ok: false, code: 'forbidden' });
    for (const live of [facilitator, screen, p]) live.socket.close();
  });
});

describe('host names the server answers', () => {
  it('refuses pages, API calls and sockets under a name it does not answer (DNS rebinding)', async () => {
    running = await startServer();
    const port = new URL(running.url).port;
    const evil = `attacker.example:${port}`;
    const page = await requestAs(running.url, evil, '/api/health');
    expect(page.status).toBe(421);
    expect(page.body).toContain('PUBLIC_ORIGIN');
    const created = await requestAs(running.url, evil, '/api/workshops', {
      method: 'POST',
      body: { title: 'Made through a rebound name' },
    });
    expect(created.status).toBe(421);
    expect(await running.store.list()).toEqual([]);
    const headers = upgradeHeaders(`http://${evil}`);
    const io = await requestAs(running.url, evil, '/socket.io/?EIO=4&transport=websocket', {
      headers,
    });
    expect(io.upgraded).toBe(false);
    const yjs = await requestAs(running.url, evil, '/yjs/w/a', { headers });
    expect(yjs.upgraded).toBe(false);
    expect(yjs.status).toBe(421);
  });

  it('builds links only from a Host it answers', async () => {
    running = await startServer(undefined, undefined, { allowedHosts: ['plenary.test'] });
    const port = new URL(running.url).port;
    const made = await requestAs(running.url, `plenary.test:${port}`, '/api/workshops', {
      method: 'POST',
      body: { title: 'Venue day' },
    });
    expect(made.status).toBe(201);
    const body = JSON.parse(made.body) as { facilitatorUrl: string; joinUrl: string };
    expect(body.joinUrl.startsWith(`http://plenary.test:${port}/join/`)).toBe(true);
    const loopback = await requestAs(running.url, `localhost:${port}`, '/api/health');
    expect(loopback.status).toBe(200);
    const socketIo = await requestAs(
      running.url,
      `plenary.test:${port}`,
      '/socket.io/?EIO=4&transport=websocket',
      { headers: upgradeHeaders(`http://plenary.test:${port}`) },
    );
    expect(socketIo.upgraded).toBe(true);
  });
});
