import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  PROTOCOL_VERSION,
  RECONNECTION,
  decodeWelcome,
  welcomeRoster,
  type ClientToServer,
  type Credential,
  type ServerToClient,
  type Welcome,
} from '@plenary/shared';
import { LiveSocket, decodePacket } from '../../web/src/lib/live-socket.js';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  newCmdId,
  send,
  startServer,
  type Running,
} from './harness.js';

let running: Running;
beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  await running.close();
});

/** The pages' socket, on `ws` instead of the browser's WebSocket; keeps each transport opened. */
function open(workshopId: string, credential: Credential) {
  const transports: WebSocket[] = [];
  class Tracked extends WebSocket {
    constructor(url: string) {
      super(url);
      transports.push(this);
    }
  }
  const socket = new LiveSocket<ServerToClient, ClientToServer>({
    auth: { protocol: PROTOCOL_VERSION, workshopId, credential },
    ...RECONNECTION,
    url: running.url.replace(/^http/, 'ws'),
    WebSocket: Tracked as unknown as new (url: string) => globalThis.WebSocket,
  });
  const welcomes: Welcome[] = [];
  const events: string[] = [];
  socket.on('welcome', (wire) => welcomes.push(decodeWelcome(wire)));
  socket.on('connect_error', (e) => events.push(`connect_error ${e.message}`));
  socket.on('disconnect', (reason) => events.push(`disconnect ${reason}`));
  socket.on('ended', (reason) => events.push(`ended ${reason}`));
  socket.connect();
  return { socket, welcomes, events, transports };
}

describe('the pages’ socket.io client (live-socket.ts) against the real server', () => {
  it('gets the welcome with its binary parts, sends commands with acks, and asks the time', async () => {
    const w = await createWorkshop(running.url);
    const ana = await join(running.url, w.joinCode, 'Ana');
    const c = open(w.id, { kind: 'participant', token: ana.token });
    await eventually(() => expect(c.welcomes).toHaveLength(1));
    const welcome = c.welcomes[0]!;
    expect(welcome.participantId).toBe(ana.participantId);
    expect(welcome.session.title).toBe('Regional training on identification');
    expect((await welcomeRoster(welcome)).map((p) => p.name)).toEqual(['Ana']);
    expect(c.socket.connected).toBe(true);

    const ack = await new Promise((resolve) =>
      c.socket.emit('question.ask', { cmdId: newCmdId(), text: 'Who funds shelters?' }, resolve),
    );
    expect(ack).toMatchObject({ ok: true });
    const before = Date.now();
    const serverNow = await c.socket.timeout(5000).emitWithAck('clock.sync');
    expect(serverNow).toBeGreaterThanOrEqual(before - 1000);
    c.socket.disconnect();
    expect(c.events).toEqual(['disconnect io client disconnect']);
    expect(c.socket.active).toBe(false);
  });

  it('reconnects by itself after the transport drops, with its credential, and is welcomed again', async () => {
    const w = await createWorkshop(running.url);
    const ana = await join(running.url, w.joinCode, 'Ana');
    const c = open(w.id, { kind: 'participant', token: ana.token });
    await eventually(() => expect(c.welcomes).toHaveLength(1));
    c.transports[0]!.terminate();
    await eventually(() => expect(c.welcomes).toHaveLength(2), 5000);
    expect(c.events).toEqual(['disconnect transport close']);
    expect(c.transports).toHaveLength(2);
    const ack = await c.socket.timeout(5000).emitWithAck('clock.sync');
    expect(typeof ack).toBe('number');
    c.socket.disconnect();
  });

  it('reports a refused handshake as the server’s message and stops trying', async () => {
    const w = await createWorkshop(running.url);
    const c = open(w.id, { kind: 'facilitator', key: 'not-the-key' });
    await eventually(() => expect(c.events).toHaveLength(1));
    expect(c.events[0]).toMatch(/^connect_error .*forbidden/);
    expect(c.socket.active).toBe(false);
    expect(c.transports).toHaveLength(1);
  });

  it('hears the end and the server’s disconnect when its participant is removed', async () => {
    const w = await createWorkshop(running.url);
    const ana = await join(running.url, w.joinCode, 'Ana');
    const c = open(w.id, { kind: 'participant', token: ana.token });
    await eventually(() => expect(c.welcomes).toHaveLength(1));
    const f = await connect(running.url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    await send(f, 'participant.remove', { participantId: ana.participantId });
    await eventually(() =>
      expect(c.events).toEqual(['ended removed', 'disconnect io server disconnect']),
    );
    expect(c.socket.active).toBe(false);
    f.socket.close();
  });
});

describe('socket.io packets', () => {
  it('reads the type, attachments, ack id and data', () => {
    expect(decodePacket('2["a",1]')).toEqual({ type: 2, attachments: 0, id: null, data: ['a', 1] });
    expect(decodePacket('312[{"ok":true}]')).toEqual({
      type: 3,
      attachments: 0,
      id: 12,
      data: [{ ok: true }],
    });
    expect(decodePacket('52-["welcome",{"_placeholder":true,"num":0}]')).toMatchObject({
      type: 5,
      attachments: 2,
      id: null,
    });
    expect(decodePacket('1')).toEqual({ type: 1, attachments: 0, id: null, data: undefined });
  });
});
