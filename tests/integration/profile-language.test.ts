import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '@plenary/server';
import type { Joined } from '@plenary/shared';
import {
  connect,
  createWorkshop,
  eventually,
  post,
  send,
  startServer,
  type Live,
  type Running,
} from './harness.js';

let running: Running | undefined;
const live: Live[] = [];
afterEach(async () => {
  for (const l of live.splice(0)) l.socket.close();
  await running?.close();
  running = undefined;
});

async function participant(url: string, workshopId: string, token: string): Promise<Live> {
  const l = await connect(url, workshopId, { kind: 'participant', token });
  live.push(l);
  return l;
}

describe("a participant's language", () => {
  it('is kept from the join and comes back when the page is opened again', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    const joined = await post<Joined>(`${running.url}/api/join`, {
      joinCode: w.joinCode,
      name: 'Somchai',
      country: 'TH',
      language: 'th',
    });
    expect(joined.status).toBe(201);
    const { participantId, token } = joined.body;
    const phone = await participant(running.url, w.id, token);
    await eventually(() => expect(phone.roster().get(participantId)?.language).toBe('th'));
  });

  it('changes with the menu, is stored, and comes back after a refresh and a server restart', async () => {
    const store = new MemoryStore();
    running = await startServer(store);
    const w = await createWorkshop(running.url);
    const { body: a } = await post<Joined>(`${running.url}/api/join`, {
      joinCode: w.joinCode,
      name: 'Sokha',
      country: 'KH',
    });
    const { body: b } = await post<Joined>(`${running.url}/api/join`, {
      joinCode: w.joinCode,
      name: 'Ji-woo',
      country: 'KR',
    });
    const phone = await participant(running.url, w.id, a.token);
    const other = await participant(running.url, w.id, b.token);
    expect(phone.roster().get(a.participantId)?.language).toBeUndefined();
    expect(await send(phone, 'me.update', { language: 'km' })).toEqual({ ok: true });
    await eventually(() => expect(phone.roster().get(a.participantId)?.language).toBe('km'));
    // Nobody else learns it: others get the name, country and presence only.
    await eventually(() => expect(other.roster().get(a.participantId)).toBeDefined());
    expect(other.roster().get(a.participantId)).not.toHaveProperty('language');

    // The page opened again (a new connection), then the server restarted on the same store.
    const again = await participant(running.url, w.id, a.token);
    await eventually(() => expect(again.roster().get(a.participantId)?.language).toBe('km'));
    for (const l of live.splice(0)) l.socket.close();
    await running.close();
    running = await startServer(store);
    const afterRestart = await participant(running.url, w.id, a.token);
    await eventually(() => expect(afterRestart.roster().get(a.participantId)?.language).toBe('km'));
  });

  it('refuses a language Plenary does not have, and keeps the one it had', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    const { body: a } = await post<Joined>(`${running.url}/api/join`, {
      joinCode: w.joinCode,
      name: 'Linh',
      country: 'VN',
      language: 'vi',
    });
    const phone = await participant(running.url, w.id, a.token);
    const refused = await send(phone, 'me.update', { language: 'zh-TW' as 'zh-Hans' });
    expect(refused).toMatchObject({ ok: false, code: 'bad_request' });
    expect(JSON.stringify(refused)).toContain('Choose a language from the list');
    const again = await participant(running.url, w.id, a.token);
    await eventually(() => expect(again.roster().get(a.participantId)?.language).toBe('vi'));

    const badJoin = await post(`${running.url}/api/join`, {
      joinCode: w.joinCode,
      name: 'Nobody',
      country: 'VN',
      language: 'fr',
    });
    expect(badJoin.status).toBe(400);
  });
});
