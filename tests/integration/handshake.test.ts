import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@plenary/shared';
import { connect, createWorkshop, join, startServer, type Running } from './harness.js';

let running: Running;
beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  await running.close();
});

describe('the socket handshake', () => {
  it('refuses a wrong facilitator key, a token of another workshop, and no credential', async () => {
    const w1 = await createWorkshop(running.url);
    const w2 = await createWorkshop(running.url);
    const other = await join(running.url, w2.joinCode);
    await expect(
      connect(running.url, w1.id, { kind: 'facilitator', key: 'not-the-key' }),
    ).rejects.toThrow(/forbidden/);
    await expect(
      connect(running.url, w1.id, { kind: 'facilitator', key: w2.facilitatorKey }),
    ).rejects.toThrow(/forbidden/);
    await expect(
      connect(running.url, w1.id, { kind: 'participant', token: other.token }),
    ).rejects.toThrow(/unauthorized/);
    await expect(
      connect(running.url, 'no-such-workshop', { kind: 'facilitator', key: w1.facilitatorKey }),
    ).rejects.toThrow(/not_found/);
    const bare = io(running.url, { transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((resolve) => bare.once('connect_error', resolve));
    bare.close();
    expect(err.message).toMatch(/unauthorized/);
  });

  it('refuses a client speaking another protocol version', async () => {
    const w = await createWorkshop(running.url);
    await expect(
      connect(
        running.url,
        w.id,
        { kind: 'facilitator', key: w.facilitatorKey },
        { protocol: PROTOCOL_VERSION + 1 },
      ),
    ).rejects.toThrow(/protocol_mismatch/);
  });

  it('opens the projector with the screen key, read-only', async () => {
    const w = await createWorkshop(running.url);
    const screen = await connect(running.url, w.id, { kind: 'screen', key: w.screenKey });
    expect(screen.welcome.role).toBe('screen');
    expect(screen.welcome.session.joinCode).toBe(w.joinCode);
    const ack = await screen.socket.emitWithAck('timer.start', { cmdId: 'screen-try-1' });
    expect(ack).toMatchObject({ ok: false, code: 'forbidden' });
    screen.socket.close();
  });

  it('refuses a WebSocket from a foreign Origin', async () => {
    const w = await createWorkshop(running.url);
    const socket = io(running.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: 'https://evil.example' },
      auth: {
        protocol: PROTOCOL_VERSION,
        workshopId: w.id,
        credential: { kind: 'facilitator', key: w.facilitatorKey },
      },
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', () => resolve('refused'));
    });
    socket.close();
    expect(outcome).toBe('refused');
  });
});
