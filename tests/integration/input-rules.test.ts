import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileDocStore, LowdbStore } from '@plenary/server';
import type { Joined, WorkshopBackup } from '@plenary/shared';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  post,
  send,
  startServer,
  type Live,
  type Running,
} from './harness.js';

type Refusal = { error: { code: string; message: string; field?: string } };

let running: Running | undefined;
let dir: string | undefined;
const lives: Live[] = [];
afterEach(async () => {
  for (const l of lives.splice(0)) l.socket.close();
  await running?.close();
  running = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const profile = {
  name: 'Ana Reyes',
  country: 'PH',
  city: 'Cebu',
  organisation: 'Invented NGO',
  role: 'Social worker',
};

describe('a partial update changes only what it names', () => {
  it('a participant who corrects their name keeps city, organisation and role, for the facilitator too', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    const joined = await post<Joined>(`${running.url}/api/join`, {
      ...profile,
      joinCode: w.joinCode,
    });
    expect(joined.status).toBe(201);
    const ana = joined.body;
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    const anaLive = await connect(running.url, w.id, { kind: 'participant', token: ana.token });
    lives.push(facilitator, anaLive);

    expect(await send(anaLive, 'me.update', { name: 'Ana Reyes-Cruz' })).toMatchObject({
      ok: true,
    });
    const expected = { ...profile, name: 'Ana Reyes-Cruz' };
    await eventually(() =>
      expect(facilitator.roster().get(ana.participantId)).toMatchObject(expected),
    );
    const stored = (await running.server.workshops.get(w.id))!.workshop;
    expect(stored.participants[0]).toMatchObject(expected);
  });

  it('a workshop update that names only the title keeps the venue', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url, { venue: 'Cebu City Hall' });
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    lives.push(facilitator);
    expect(await send(facilitator, 'workshop.update', { title: 'Renamed' })).toMatchObject({
      ok: true,
    });
    const stored = (await running.server.workshops.get(w.id))!.workshop;
    expect(stored).toMatchObject({ title: 'Renamed', venue: 'Cebu City Hall' });
  });
});

describe('names must show', () => {
  it('refuses to join with an invisible name, saying which field, and adds nobody', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    for (const name of ['\u200B\u200C\u200D', '\u202E\u2066\u2069', '\uFEFF\u00AD', '\u0301']) {
      const res = await post<Refusal>(`${running.url}/api/join`, {
        ...profile,
        name,
        joinCode: w.joinCode,
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'bad_request', field: 'name' });
      expect(res.body.error.message).toMatch(/^name: Name (is required|must have a visible)/);
    }
    const org = await post<Refusal>(`${running.url}/api/join`, {
      ...profile,
      organisation: '\u200B',
      joinCode: w.joinCode,
    });
    expect(org.body.error).toMatchObject({ code: 'bad_request', field: 'organisation' });
    expect((await running.server.workshops.get(w.id))!.workshop.participants).toEqual([]);
  });

  it('refuses an invisible rename or group name over the socket, naming the field', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    const ana = await join(running.url, w.joinCode, 'Ana Reyes');
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    lives.push(facilitator);
    expect(
      await send(facilitator, 'participant.rename', {
        participantId: ana.participantId,
        name: '\u2060\u2061',
      }),
    ).toMatchObject({ ok: false, code: 'bad_request', field: 'name' });
    expect(await send(facilitator, 'group.create', { name: '\u3164' })).toMatchObject({
      ok: false,
      field: 'name',
    });
    const stored = (await running.server.workshops.get(w.id))!.workshop;
    expect(stored.participants[0]!.name).toBe('Ana Reyes');
    expect(stored.groups).toEqual([]);
  });
});

/** Every file under `root`, relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name !== 'plenary.lock')
    .map((e) => joinPath(e.parentPath, e.name).slice(root.length))
    .sort();
}

describe('restoring a tampered backup', () => {
  it('refuses ids that are paths or hold a dot, naming the field, and writes nothing', async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-tampered-'));
    const dataDir = joinPath(dir, 'a', 'b', 'data');
    await mkdir(dataDir, { recursive: true });
    running = await startServer(await LowdbStore.open(dataDir), undefined, {
      docStore: new FileDocStore(joinPath(dataDir, 'docs')),
    });
    const url = running.url;
    const w = await createWorkshop(url);
    const ana = await join(url, w.joinCode, 'Ana Reyes');
    const facilitator = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    lives.push(facilitator);
    const g = await send(facilitator, 'group.create', { name: 'Cebu team' });
    const groupId = g.ok ? g.groupId : '';
    await send(facilitator, 'group.assign', { participantId: ana.participantId, groupId });
    await send(facilitator, 'exercise.launch', { title: 'Plan', kind: 'action-plan' });
    const backup = (await (
      await fetch(`${url}/api/workshops/${w.id}/export.json`, {
        headers: { authorization: `Bearer ${w.facilitatorKey}` },
      })
    ).json()) as WorkshopBackup;
    expect(backup.documents).toHaveLength(1);
    // Unchanged, it restores: the refusals below are for the ids alone.
    const restored = await post<{ id: string }>(`${url}/api/workshops/import`, backup);
    expect(restored.status).toBe(201);

    const workshops = await running.store.list();
    const files = await filesUnder(dir);

    const escape = structuredClone(backup);
    escape.workshop.artifacts[0]!.id = '../../../escape';
    escape.documents[0]!.artifactId = '../../../escape';
    const dotted = structuredClone(backup);
    dotted.workshop.participants[0]!.id = 'p.1';
    dotted.workshop.groups[0]!.memberIds = ['p.1'];
    const slashedGroup = structuredClone(backup);
    slashedGroup.workshop.groups[0]!.id = 'a/b';
    slashedGroup.workshop.artifacts[0]!.groupId = 'a/b';
    for (const [tampered, field] of [
      [escape, 'workshop.artifacts.0.id'],
      [dotted, 'workshop.participants.0.id'],
      [slashedGroup, 'workshop.groups.0.id'],
    ] as const) {
      const res = await post<Refusal>(`${url}/api/workshops/import`, tampered);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'bad_request', field });
      expect(res.body.error.message).toMatch(/letters, digits/);
    }
    expect(await running.store.list()).toEqual(workshops);
    expect(await filesUnder(dir)).toEqual(files);
  });
});
