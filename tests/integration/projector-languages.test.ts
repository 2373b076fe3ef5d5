import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../server/src/store/memory.js';
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

describe("the projector's languages", () => {
  it('are English alone until the facilitator chooses', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    const screen = await connect(running.url, w.id, { kind: 'screen', key: w.screenKey });
    expect(screen.session().projectorLanguages).toEqual(['en']);
    screen.socket.close();
  });

  it('reach the projector when changed, and come back after a restart', async () => {
    const store = new MemoryStore();
    running = await startServer(store);
    const w = await createWorkshop(running.url);
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    const screen = await connect(running.url, w.id, { kind: 'screen', key: w.screenKey });

    const ack = await send(facilitator, 'workshop.update', { projectorLanguages: ['th', 'en'] });
    expect(ack.ok).toBe(true);
    await eventually(() => expect(screen.session().projectorLanguages).toEqual(['th', 'en']));
    facilitator.socket.close();
    screen.socket.close();
    await running.close();

    running = await startServer(store);
    const again = await connect(running.url, w.id, { kind: 'screen', key: w.screenKey });
    expect(again.session().projectorLanguages).toEqual(['th', 'en']);
    again.socket.close();
  });

  it('refuses none, three, the same twice or one the app does not speak, and keeps what was', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    await send(facilitator, 'workshop.update', { projectorLanguages: ['km'] });
    for (const projectorLanguages of [[], ['th', 'en', 'ko'], ['th', 'th'], ['fr']]) {
      const ack = await send(facilitator, 'workshop.update', {
        projectorLanguages: projectorLanguages as ['en'],
      });
      expect(ack).toMatchObject({ ok: false, code: 'bad_request' });
    }
    expect(facilitator.session().projectorLanguages).toEqual(['km']);
    facilitator.socket.close();
  });

  it('a participant cannot change them', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    const ana = await join(running.url, w.joinCode, 'Ana');
    const phone = await connect(running.url, w.id, { kind: 'participant', token: ana.token });
    const ack = await send(phone, 'workshop.update', { projectorLanguages: ['ko'] });
    expect(ack.ok).toBe(false);
    expect(phone.session().projectorLanguages).toEqual(['en']);
    phone.socket.close();
  });
});
