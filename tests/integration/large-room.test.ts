import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LARGE_ROOM } from '../../server/src/realtime/broadcast.js';
import {
  connect,
  createWorkshop,
  eventually,
  join,
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

describe('a large workshop’s roster (patches to phones merged for longer)', () => {
  it('still brings every arrival and rename to a phone, which keeps its own whole profile', async () => {
    const w = await createWorkshop(running.url);
    const people = [];
    for (let i = 0; i <= LARGE_ROOM; i++)
      people.push(await join(running.url, w.joinCode, `Person ${i}`));
    const [ana, ...rest] = people;
    const phone = await connect(running.url, w.id, { kind: 'participant', token: ana!.token });
    const f = await connect(running.url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    const arriving = rest.slice(0, 3);
    const others = await Promise.all(
      arriving.map((p) => connect(running.url, w.id, { kind: 'participant', token: p.token })),
    );
    await send(f, 'participant.rename', { participantId: ana!.participantId, name: 'Ana Reyes' });
    await eventually(() => {
      for (const p of arriving)
        expect(phone.roster().get(p.participantId)?.presence).toBe('online');
      // Their own entry is the whole profile, renamed, whatever patch came last.
      expect(phone.roster().get(ana!.participantId)).toMatchObject({
        name: 'Ana Reyes',
        city: 'Cebu',
        organisation: 'Invented NGO',
      });
    }, 10_000);
    // Others see entries only: no organisation or city.
    expect(others[0]!.roster().get(ana!.participantId)?.name).toBe('Ana Reyes');
    expect(others[0]!.roster().get(ana!.participantId)).not.toHaveProperty('organisation');
    for (const c of [phone, f, ...others]) c.socket.close();
  });
});
