import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, decodeWelcome, type WelcomeWire } from '@plenary/shared';
import { connect, createWorkshop, join, send, startServer, type Running } from './harness.js';

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

  it('sends the welcome’s common part as bytes, encoded for the workshop’s current state and the kind of screen', async () => {
    const w = await createWorkshop(running.url);
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    const ana = await join(running.url, w.joinCode, 'Ana');
    const raw = () =>
      new Promise<WelcomeWire>((resolve, reject) => {
        const socket = io(running.url, {
          transports: ['websocket'],
          reconnection: false,
          auth: {
            protocol: PROTOCOL_VERSION,
            workshopId: w.id,
            credential: { kind: 'participant', token: ana.token },
          },
        });
        socket.once('welcome', (wire: WelcomeWire) => {
          socket.close();
          resolve(wire);
        });
        socket.once('connect_error', reject);
      });
    const first = await raw();
    expect(first.common).toBeInstanceOf(Uint8Array);
    expect(first).not.toHaveProperty('session');
    expect(decodeWelcome(first).session.title).toBe('Regional training on identification');

    // A draft poll and a new title: the next welcome is encoded from the new state, and the
    // draft reaches the facilitator's welcome only.
    expect(await send(facilitator, 'workshop.update', { title: 'Day 2: referral' })).toMatchObject({
      ok: true,
    });
    const poll = await send(facilitator, 'poll.create', { kind: 'open', question: 'Draft' });
    expect(poll.ok).toBe(true);
    const second = decodeWelcome(await raw());
    expect(second.session.title).toBe('Day 2: referral');
    expect(second.polls).toEqual([]);
    expect(second.participantId).toBe(ana.participantId);
    const again = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    expect(again.welcome.session.title).toBe('Day 2: referral');
    expect(again.welcome.polls.map((p) => p.question)).toEqual(['Draft']);
    facilitator.socket.close();
    again.socket.close();
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
