import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LARGE_ROOM } from '../../server/src/realtime/broadcast-policy.js';
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
    // Others see entries only: no organisation or city. Their patches are merged over 2 s in a
    // room this large, while Ana's own profile reaches her at once: wait for theirs too.
    await eventually(
      () => expect(others[0]!.roster().get(ana!.participantId)?.name).toBe('Ana Reyes'),
      10_000,
    );
    expect(others[0]!.roster().get(ana!.participantId)).not.toHaveProperty('organisation');
    for (const c of [phone, f, ...others]) c.socket.close();
  });

  it('sends a returning phone its own whole profile once, not again after everyone’s patch', async () => {
    const w = await createWorkshop(running.url);
    const people = [];
    for (let i = 0; i <= LARGE_ROOM; i++)
      people.push(await join(running.url, w.joinCode, `Person ${i}`));
    const [ana, ben] = people;
    const observer = await connect(running.url, w.id, { kind: 'participant', token: ben!.token });
    let whole = 0;
    const phone = await connect(
      running.url,
      w.id,
      { kind: 'participant', token: ana!.token },
      {
        listen: (socket) =>
          socket.on('roster', (patch) => {
            for (const p of patch.upsert)
              if (p.id === ana!.participantId && 'organisation' in p) whole++;
          }),
      },
    );
    // Everyone's patch with Ana online reached the others, so it left for her too…
    await eventually(
      () => expect(observer.roster().get(ana!.participantId)?.presence).toBe('online'),
      10_000,
    );
    // …and whatever followed it on her connection came before this answer.
    await phone.socket.timeout(5000).emitWithAck('clock.sync');
    expect(whole).toBe(1);
    expect(phone.roster().get(ana!.participantId)).toMatchObject({
      presence: 'online',
      organisation: 'Invented NGO',
    });
    for (const c of [phone, observer]) c.socket.close();
  });
});
