import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyseGaps, type ArtifactProgress, type MapActor, type MapLink } from '@plenary/shared';
import { actorsOf, addActor, addLink, deleteActor, readMap, setActor } from '@plenary/shared/docs';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  send,
  startServer,
  type Live,
  type Running,
} from './harness.js';
import { openDoc, synced, type DocClient } from './docs-harness.js';

let running: Running;
const lives: Live[] = [];
const docs: DocClient[] = [];
const track = (d: DocClient) => (docs.push(d), d);

beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  await running.close();
});

/** Two groups of two, each with a referral map to draw. */
async function mapExercise() {
  const url = running.url;
  const w = await createWorkshop(url);
  const people = await Promise.all(
    ['Ana', 'Ben', 'Chandra', 'Dewi'].map((n) => join(url, w.joinCode, n)),
  );
  const facilitator = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
  lives.push(facilitator);
  const g1 = await send(facilitator, 'group.create', { name: 'Cebu' });
  const g2 = await send(facilitator, 'group.create', { name: 'Phnom Penh' });
  const [groupA, groupB] = [g1.ok ? g1.groupId : '', g2.ok ? g2.groupId : ''];
  for (const [i, p] of people.entries())
    await send(facilitator, 'group.assign', {
      participantId: p.participantId,
      groupId: i < 2 ? groupA : groupB,
    });
  const launched = await send(facilitator, 'exercise.launch', {
    title: 'Who refers to whom',
    kind: 'map',
    template: null,
  });
  expect(launched.ok).toBe(true);
  await eventually(() => expect(facilitator.session().artifacts).toHaveLength(2));
  const artifactA = facilitator.session().artifacts.find((a) => a.groupId === groupA)!;
  expect(artifactA.kind).toBe('map');
  return { w, people, facilitator, artifactA: artifactA.id };
}

const cred = (token: string) => ({ kind: 'participant' as const, token });
const actor = (id: string, name: string, sector: MapActor['sector'], x = 0): MapActor => ({
  id,
  name,
  sector,
  contact: '',
  x,
  y: 0,
});
const link = (id: string, from: string, to: string): MapLink => ({
  id,
  from,
  to,
  kind: 'refers',
  label: '',
  consent: false,
  data: '',
  pathway: 'both',
});

describe('co-editing a referral map', () => {
  it('converges after concurrent adds, moves of one actor, and a delete racing a link', async () => {
    const { w, people, artifactA } = await mapExercise();
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    const ben = track(openDoc(running.url, w.id, artifactA, cred(people[1]!.token)));
    await Promise.all([synced(ana), synced(ben)]);

    // Both add actors at the same moment.
    addActor(ana.doc, actor('police', 'City police', 'police'));
    addActor(ana.doc, actor('ngo', 'Open Hands', 'ngo', 300));
    addActor(ben.doc, actor('shelter', 'Safe House Dawn', 'shelter', 600));
    await eventually(() => {
      expect(readMap(ana.doc).actors).toHaveLength(3);
      expect(readMap(ben.doc)).toEqual(readMap(ana.doc));
    });

    // Both drag the shelter at once, and one renames it: one position wins everywhere, the
    // rename survives.
    setActor(ana.doc, 'shelter', { x: 100, y: 200 });
    setActor(ben.doc, 'shelter', { x: 700, y: -50 });
    setActor(ben.doc, 'shelter', { name: 'Safe House Dawn (women)' });
    await eventually(() => expect(readMap(ben.doc)).toEqual(readMap(ana.doc)));
    const shelter = readMap(ana.doc).actors.find((a) => a.id === 'shelter')!;
    expect([
      [100, 200],
      [700, -50],
    ]).toContainEqual([shelter.x, shelter.y]);
    expect(shelter.name).toBe('Safe House Dawn (women)');

    // Offline, Ben links the police to the NGO while Ana deletes the NGO.
    ben.provider.disconnect();
    addLink(ben.doc, link('police-ngo', 'police', 'ngo'));
    addLink(ben.doc, link('police-shelter', 'police', 'shelter'));
    deleteActor(ana.doc, 'ngo');
    await new Promise((r) => setTimeout(r, 50));
    ben.provider.connect();
    await eventually(() => {
      expect(readMap(ben.doc)).toEqual(readMap(ana.doc));
      expect(readMap(ana.doc).actors.map((a) => a.id)).toEqual(['police', 'shelter']);
    });
    // The dangling link is in the document but not on the map.
    expect(readMap(ana.doc).links.map((l) => l.id)).toEqual(['police-shelter']);

    // A late joiner reads the same map.
    const fresh = track(
      openDoc(running.url, w.id, artifactA, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    await synced(fresh);
    expect(readMap(fresh.doc)).toEqual(readMap(ana.doc));
  });

  it('reports actors, links and gaps to the facilitator as a summary', async () => {
    const { w, people, artifactA, facilitator } = await mapExercise();
    const progress: ArtifactProgress[] = [];
    facilitator.socket.on('progress', (changed) => progress.push(...changed));
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    await synced(ana);
    addActor(ana.doc, actor('police', 'City police', 'police'));
    const latest = () => progress.filter((p) => p.artifactId === artifactA).at(-1);
    const gaps = () => analyseGaps(readMap(ana.doc)).count;
    await eventually(() =>
      expect(latest()?.summary).toEqual({ actors: 1, links: 0, gaps: gaps() }),
    );
    expect(gaps()).toBe(12); // isolated, 9 sectors missing, no path to assistance nor on

    addActor(ana.doc, actor('shelter', 'Safe House Dawn', 'shelter'));
    addActor(ana.doc, actor('jobs', 'Livelihood programme', 'reintegration'));
    addLink(ana.doc, link('l1', 'police', 'shelter'));
    addLink(ana.doc, link('l2', 'shelter', 'jobs'));
    await eventually(() =>
      expect(latest()?.summary).toEqual({ actors: 3, links: 2, gaps: gaps() }),
    );
    // 7 sectors missing; the police and the shelter are single points of failure.
    expect(gaps()).toBe(9);
    expect(latest()).toMatchObject({ active: ['Ana'], lastEditor: 'Ana' });
  });

  it('keeps another group out before the reveal', async () => {
    const { w, people, artifactA } = await mapExercise();
    const chandra = track(openDoc(running.url, w.id, artifactA, cred(people[2]!.token)));
    await new Promise((r) => setTimeout(r, 200));
    expect(chandra.provider.synced).toBe(false);
    expect(chandra.provider.wsconnected).toBe(false);
  });

  it('ignores a participant’s edit to a locked map, leaving the document unchanged', async () => {
    const { w, people, artifactA, facilitator } = await mapExercise();
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    await synced(ana);
    addActor(ana.doc, actor('police', 'City police', 'police'));
    addActor(ana.doc, actor('shelter', 'Safe House Dawn', 'shelter', 300));
    const check = track(
      openDoc(running.url, w.id, artifactA, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    await synced(check);
    await eventually(() => expect(readMap(check.doc).actors).toHaveLength(2));
    const before = readMap(check.doc);

    expect(
      await send(facilitator, 'artifact.lock', { artifactId: artifactA, locked: true }),
    ).toEqual({ ok: true });
    deleteActor(ana.doc, 'shelter');
    setActor(ana.doc, 'police', { name: 'Renamed after the lock', x: 999 });
    addActor(ana.doc, actor('late', 'Too late', 'ngo'));
    await new Promise((r) => setTimeout(r, 300));
    expect(readMap(check.doc)).toEqual(before);

    // Reloaded from the server, the locked map is still the one before the lock.
    const reader = track(openDoc(running.url, w.id, artifactA, cred(people[1]!.token)));
    await synced(reader);
    expect(readMap(reader.doc)).toEqual(before);
    expect(actorsOf(reader.doc).has('late')).toBe(false);
  });
});
