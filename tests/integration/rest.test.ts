import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, createWorkshop, join, post, startServer, type Running } from './harness.js';

let running: Running;
beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  await running.close();
});

const get = async (url: string, token?: string) => {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('the REST API', () => {
  it('answers health with a version', async () => {
    expect(await get(`${running.url}/api/health`)).toEqual({
      status: 200,
      body: { ok: true, version: 'test' },
    });
  });

  it('creates a workshop from the victim-centred template, with links and a join code', async () => {
    const w = await createWorkshop(running.url, {
      template: 'victim-centred',
      startsOn: '2026-11-23',
      endsOn: '2026-11-27',
      venue: 'Jeju',
    });
    expect(w.joinCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(Buffer.from(w.facilitatorKey, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(w.facilitatorUrl).toBe(`${running.url}/w/${w.id}/facilitate#key=${w.facilitatorKey}`);
    expect(w.joinUrl).toBe(`${running.url}/join/${w.joinCode}`);
    const view = await get(`${running.url}/api/workshops/${w.id}`, w.facilitatorKey);
    expect(view.status).toBe(200);
    expect(view.body.role).toBe('facilitator');
    expect((view.body.modules as unknown[]).length).toBe(9);
    expect(view.body.venue).toBe('Jeju');
  });

  it('names the field of bad input, and creates nothing', async () => {
    const res = await post<{ error: { code: string; field: string } }>(
      `${running.url}/api/workshops`,
      { title: '', template: 'nope' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_request', field: 'title' });
    const dates = await post<{ error: { field: string } }>(`${running.url}/api/workshops`, {
      title: 'T',
      startsOn: '2026-11-27',
      endsOn: '2026-11-23',
    });
    expect(dates).toMatchObject({ status: 400, body: { error: { field: 'endsOn' } } });
    expect(await running.store.list()).toEqual([]);
  });

  it('joins with a code typed loosely, and refuses an unknown code or country', async () => {
    const w = await createWorkshop(running.url);
    const loose = `${w.joinCode.slice(0, 3).toLowerCase()}-${w.joinCode.slice(3)}`;
    const ok = await post<{ workshopId: string; token: string }>(`${running.url}/api/join`, {
      joinCode: loose,
      name: 'Ana Reyes',
      country: 'ph',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.workshopId).toBe(w.id);
    const unknown = await post(`${running.url}/api/join`, {
      joinCode: 'ZZZZZZ',
      name: 'Ana',
      country: 'PH',
    });
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', field: 'joinCode' } },
    });
    const country = await post(`${running.url}/api/join`, {
      joinCode: w.joinCode,
      name: 'Ana',
      country: 'Atlantis',
    });
    expect(country).toMatchObject({ status: 400, body: { error: { field: 'country' } } });
  });

  it('gives a participant a participant view without any secret', async () => {
    const w = await createWorkshop(running.url);
    const p = await join(running.url, w.joinCode, 'Ana Reyes');
    const view = await get(`${running.url}/api/workshops/${w.id}`, p.token);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ role: 'participant', participantId: p.participantId });
    const text = JSON.stringify(view.body);
    expect(text).not.toMatch(/tokenHash|facilitatorKeyHash|screenKeyHash/);
    expect(text).not.toContain(p.token.split('.')[1]);
  });

  it('answers 401 without a key, 403 with a wrong one, and JSON 404 for unknown routes', async () => {
    const w = await createWorkshop(running.url);
    expect((await get(`${running.url}/api/workshops/${w.id}`)).status).toBe(401);
    expect((await get(`${running.url}/api/workshops/${w.id}`, 'wrong')).status).toBe(403);
    expect(await get(`${running.url}/api/nothing-here`)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
    const badJson = await fetch(`${running.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(badJson.status).toBe(400);
  });

  it('deletes a workshop with the facilitator key only, and ends every connection', async () => {
    const w = await createWorkshop(running.url);
    const p = await join(running.url, w.joinCode);
    const participant = await connect(running.url, w.id, { kind: 'participant', token: p.token });
    const ended = new Promise<string>((resolve) => participant.socket.on('ended', resolve));
    const asParticipant = await fetch(`${running.url}/api/workshops/${w.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${p.token}` },
    });
    expect(asParticipant.status).toBe(403);
    const res = await fetch(`${running.url}/api/workshops/${w.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${w.facilitatorKey}` },
    });
    expect(res.status).toBe(204);
    expect(await ended).toBe('deleted');
    expect((await get(`${running.url}/api/workshops/${w.id}`, w.facilitatorKey)).status).toBe(404);
    expect(await running.store.list()).toEqual([]);
    participant.socket.close();
  });
});
