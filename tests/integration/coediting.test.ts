import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FileDocStore, LowdbStore, createServer, type DocStore } from '@plenary/server';
import {
  itemsOf,
  newItem,
  newObjective,
  objectivesOf,
  readItem,
  readStage,
  vignetteStage,
} from '@plenary/shared/docs';
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

/** Two groups of two, and a checklist exercise from a template. */
async function twoGroups(url = running.url) {
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
    title: 'Identify the victim',
    kind: 'checklist',
    template: 'identification-adult',
  });
  expect(launched.ok).toBe(true);
  await eventually(() => expect(facilitator.session().artifacts).toHaveLength(2));
  const artifactOf = (groupId: string) =>
    facilitator.session().artifacts.find((a) => a.groupId === groupId)!.id;
  return {
    w,
    people,
    facilitator,
    groupA,
    groupB,
    artifactA: artifactOf(groupA),
    artifactB: artifactOf(groupB),
  };
}

const cred = (token: string) => ({ kind: 'participant' as const, token });

describe('co-editing a group checklist', () => {
  it('starts from the template and converges after concurrent edits', async () => {
    const { w, people, artifactA } = await twoGroups();
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    const ben = track(openDoc(running.url, w.id, artifactA, cred(people[1]!.token)));
    await Promise.all([synced(ana), synced(ben)]);
    expect(itemsOf(ana.doc).length).toBe(16);
    expect(readItem(itemsOf(ana.doc).get(0)).section).toBe('Recruitment by deception');
    // Both edit the same item and add items at once.
    itemsOf(ana.doc).get(0).set('checked', true);
    itemsOf(ben.doc).get(0).set('notes', 'Asked through an interpreter');
    itemsOf(ana.doc).push([
      newItem({ id: 'a1', section: 'Recruitment by deception', text: 'Fake agency licence' }),
    ]);
    itemsOf(ben.doc).push([
      newItem({ id: 'b1', section: 'Coercion at destination', text: 'Passport held by landlord' }),
    ]);
    await eventually(() => {
      expect(itemsOf(ana.doc).toJSON()).toEqual(itemsOf(ben.doc).toJSON());
      expect(itemsOf(ana.doc).length).toBe(18);
    });
    expect(readItem(itemsOf(ben.doc).get(0))).toMatchObject({
      checked: true,
      notes: 'Asked through an interpreter',
    });
  });

  it('merges edits made while one editor was offline', async () => {
    const { w, people, artifactA } = await twoGroups();
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    const ben = track(openDoc(running.url, w.id, artifactA, cred(people[1]!.token)));
    await Promise.all([synced(ana), synced(ben)]);
    ben.provider.disconnect();
    itemsOf(ben.doc).push([newItem({ id: 'offline', text: 'Typed on the bus, without Wi-Fi' })]);
    itemsOf(ana.doc).delete(0, 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(
      itemsOf(ana.doc)
        .toArray()
        .some((m) => m.get('id') === 'offline'),
    ).toBe(false);
    ben.provider.connect();
    await eventually(() => {
      expect(itemsOf(ana.doc).toJSON()).toEqual(itemsOf(ben.doc).toJSON());
      expect(
        itemsOf(ana.doc)
          .toArray()
          .some((m) => m.get('id') === 'offline'),
      ).toBe(true);
      expect(itemsOf(ana.doc).length).toBe(16);
    });
  });

  it('refuses another group: no connection before reveal, no edits after', async () => {
    const { w, people, artifactA, facilitator } = await twoGroups();
    const chandra = track(openDoc(running.url, w.id, artifactA, cred(people[2]!.token)));
    await eventually(() => expect(chandra.provider.wsconnected).toBe(false));
    await new Promise((r) => setTimeout(r, 150));
    expect(chandra.provider.synced).toBe(false);
    chandra.destroy();

    await send(facilitator, 'exercise.reveal', {
      exerciseId: facilitator.session().exercises[0]!.id,
      revealed: true,
    });
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    const reader = track(openDoc(running.url, w.id, artifactA, cred(people[2]!.token)));
    await Promise.all([synced(ana), synced(reader)]);
    itemsOf(reader.doc).delete(0, 5); // a read-only client's edit...
    itemsOf(ana.doc).push([newItem({ id: 'owner-edit', text: 'Still ours' })]);
    await eventually(() =>
      expect(
        itemsOf(reader.doc)
          .toArray()
          .some((m) => m.get('id') === 'owner-edit'),
      ).toBe(true),
    );
    await new Promise((r) => setTimeout(r, 150));
    expect(itemsOf(ana.doc).length).toBe(17); // ...never reaches the group's document
    const third = track(
      openDoc(running.url, w.id, artifactA, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    await synced(third);
    expect(itemsOf(third.doc).length).toBe(17);
  });

  it('shows presence with the server-assigned name, whatever the client claims', async () => {
    const { w, people, artifactA } = await twoGroups();
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    const ben = track(openDoc(running.url, w.id, artifactA, cred(people[1]!.token)));
    await Promise.all([synced(ana), synced(ben)]);
    ana.provider.awareness.setLocalStateField('user', { name: 'The facilitator' });
    ana.provider.awareness.setLocalStateField('editing', 'item-3');
    await eventually(() => {
      const seen = ben.provider.awareness.getStates().get(ana.doc.clientID) as
        { user?: { name: string; role: string }; editing?: string } | undefined;
      expect(seen?.user).toMatchObject({ name: 'Ana', role: 'participant' });
      expect(seen?.editing).toBe('item-3');
    });
  });

  it('merges a burst of presence changes into a few messages, and every peer ends up with each state', async () => {
    const { w, people, artifactA } = await twoGroups();
    const watcher = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    const others = [1, 1, 1, 1, 1].map(() =>
      track(openDoc(running.url, w.id, artifactA, cred(people[1]!.token))),
    );
    await Promise.all([watcher, ...others].map(synced));
    for (const o of others) o.provider.awareness.setLocalStateField('editing', 'start');
    await eventually(() => {
      for (const o of others)
        expect(watcher.provider.awareness.getStates().get(o.doc.clientID)).toBeDefined();
    });
    let messages = 0;
    watcher.provider.awareness.on('update', (_c: unknown, origin: unknown) => {
      if (origin !== 'local') messages++;
    });
    // 15 changes at once, as when people come back after a restart and move their cursors.
    for (const [i, o] of others.entries())
      for (const k of [1, 2, 3])
        o.provider.awareness.setLocalStateField('editing', `item-${i}-${k}`);
    await eventually(() => {
      for (const [i, o] of others.entries())
        expect(
          (watcher.provider.awareness.getStates().get(o.doc.clientID) as { editing?: string })
            ?.editing,
        ).toBe(`item-${i}-3`);
    });
    expect(messages).toBeGreaterThan(0);
    expect(messages).toBeLessThan(8);
  });

  it('reports each group\u2019s progress to the facilitator', async () => {
    const { w, people, artifactA, facilitator } = await twoGroups();
    const progress: Array<{
      artifactId: string;
      done: number;
      total: number;
      active: string[];
      lastEditor: string | null;
    }> = [];
    facilitator.socket.on('progress', (changed) => progress.push(...changed));
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    await synced(ana);
    itemsOf(ana.doc).get(0).set('checked', true);
    itemsOf(ana.doc).get(1).set('checked', true);
    await eventually(() =>
      expect(progress.filter((p) => p.artifactId === artifactA).at(-1)).toMatchObject({
        done: 2,
        total: 16,
        active: ['Ana'],
        lastEditor: 'Ana',
      }),
    );
  });

  it('disconnects a participant moved to another group, and a removed one', async () => {
    const { w, people, artifactA, groupB, facilitator } = await twoGroups();
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    const ben = track(openDoc(running.url, w.id, artifactA, cred(people[1]!.token)));
    await Promise.all([synced(ana), synced(ben)]);
    await send(facilitator, 'group.assign', {
      participantId: people[0]!.participantId,
      groupId: groupB,
    });
    await eventually(() => expect(ana.closed.some((c) => c.code === 4403)).toBe(true));
    await send(facilitator, 'participant.remove', { participantId: people[1]!.participantId });
    await eventually(() => expect(ben.closed.length).toBeGreaterThan(0));
  });

  it('edits a SMART action plan together', async () => {
    const { w, people, facilitator } = await twoGroups();
    await send(facilitator, 'exercise.launch', { title: 'Our action plan', kind: 'action-plan' });
    await eventually(() => expect(facilitator.session().artifacts).toHaveLength(4));
    const plan = facilitator
      .session()
      .artifacts.find(
        (a) => a.kind === 'action-plan' && a.groupId === facilitator.session().groups[1]!.id,
      )!;
    const c = track(openDoc(running.url, w.id, plan.id, cred(people[2]!.token)));
    const d = track(openDoc(running.url, w.id, plan.id, cred(people[3]!.token)));
    await Promise.all([synced(c), synced(d)]);
    objectivesOf(c.doc).push([newObjective('o1')]);
    await eventually(() => expect(objectivesOf(d.doc).length).toBe(1));
    objectivesOf(d.doc).get(0).set('action', 'Train 40 frontline officers in identification');
    objectivesOf(c.doc).get(0).set('deadline', '2027-06-30');
    await eventually(() =>
      expect(objectivesOf(c.doc).toJSON()).toEqual(objectivesOf(d.doc).toJSON()),
    );
    expect(objectivesOf(c.doc).get(0).get('action')).toBe(
      'Train 40 frontline officers in identification',
    );
  });
});

describe('a case vignette', () => {
  it('is seeded stage by stage on the server, so concurrent answers to a stage all survive', async () => {
    const { w, people, facilitator, groupA } = await twoGroups();
    const launched = await send(facilitator, 'exercise.launch', {
      title: 'The case of Mai (invented)',
      kind: 'vignette',
      template: 'identification-adult',
      stages: ['Mai answers an online job advert.', 'At the factory, her passport is taken.'],
    });
    expect(launched.ok).toBe(true);
    const exerciseId = launched.ok ? launched.exerciseId : '';
    await eventually(() => expect(facilitator.session().exercises.at(-1)?.stagesShown).toBe(1));
    const artifact = facilitator
      .session()
      .artifacts.find((a) => a.exerciseId === exerciseId && a.groupId === groupA)!;
    const ana = track(openDoc(running.url, w.id, artifact.id, cred(people[0]!.token)));
    const ben = track(openDoc(running.url, w.id, artifact.id, cred(people[1]!.token)));
    await Promise.all([synced(ana), synced(ben)]);
    // Both answer the first stage at the same moment.
    vignetteStage(ana.doc, 0)!.ticked.set(
      'Was deceived about the nature of the work or the employer',
      true,
    );
    vignetteStage(ben.doc, 0)!.ticked.set(
      'Was promised a job, wage or conditions that turned out to be different',
      true,
    );
    vignetteStage(ben.doc, 0)!.referral.insert(0, 'Labour inspection, then a shelter');
    await eventually(() => {
      expect(readStage(ana.doc, 0)).toEqual(readStage(ben.doc, 0));
      expect(readStage(ana.doc, 0).ticked).toHaveLength(2);
    });
    expect(readStage(ana.doc, 0).referral).toBe('Labour inspection, then a shelter');
    expect(vignetteStage(ana.doc, 1)).toBeDefined();
    expect(await send(facilitator, 'vignette.show', { exerciseId, stagesShown: 2 })).toEqual({
      ok: true,
    });
    await eventually(() => expect(facilitator.session().exercises.at(-1)?.stagesShown).toBe(2));
    expect(await send(facilitator, 'vignette.show', { exerciseId, stagesShown: 3 })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });
});

describe('document limits', () => {
  it('refuses an update past the size cap, closing only the sender, leaving the document whole', async () => {
    await running.close();
    running = await startServer(undefined, undefined, { docLimits: { maxDocBytes: 20_000 } });
    const { w, people, artifactA } = await twoGroups();
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    const ben = track(openDoc(running.url, w.id, artifactA, cred(people[1]!.token)));
    await Promise.all([synced(ana), synced(ben)]);
    itemsOf(ana.doc).push([newItem({ id: 'big', text: 'x'.repeat(30_000) })]);
    await eventually(() => expect(ana.closed.some((c) => c.code === 4413)).toBe(true));
    ana.provider.disconnect();
    itemsOf(ben.doc).push([newItem({ id: 'small', text: 'Still works' })]);
    const check = track(
      openDoc(running.url, w.id, artifactA, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    await synced(check);
    await eventually(() =>
      expect(
        itemsOf(check.doc)
          .toArray()
          .map((m) => m.get('id')),
      ).toContain('small'),
    );
    expect(
      itemsOf(check.doc)
        .toArray()
        .map((m) => m.get('id')),
    ).not.toContain('big');
  });
});

describe('documents on disk', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function start(store?: DocStore) {
    const server = createServer({
      store: await LowdbStore.open(joinPath(dir, 'db')),
      docStore: store ?? new FileDocStore(joinPath(dir, 'docs')),
      version: 'test',
      docLimits: { compactEvery: 7 },
    });
    const url = await server.listen(0, '127.0.0.1');
    return { server, url };
  }

  /** Makes a started server the one the outer afterEach closes, or leaves it to the test. */
  function use(s: Awaited<ReturnType<typeof start>>, closeAfter: boolean) {
    running = {
      server: s.server,
      url: s.url,
      store: undefined as never,
      close: closeAfter ? () => s.server.close() : async () => {},
    };
  }

  it('keeps every edit across a restart, through compaction, and deletes documents with their workshop', async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-docs-'));
    await running.close();
    const first = await start();
    use(first, false);
    const { w, people, artifactA } = await twoGroups(first.url);
    const ana = openDoc(first.url, w.id, artifactA, cred(people[0]!.token));
    await synced(ana);
    for (let i = 0; i < 20; i++)
      itemsOf(ana.doc).push([newItem({ id: `n${i}`, text: `Note ${i}` })]);
    const expected = itemsOf(ana.doc).toJSON();
    await new Promise((r) => setTimeout(r, 300));
    ana.destroy();
    lives.splice(0).forEach((l) => l.socket.close());
    await first.server.close();

    const second = await start();
    use(second, true);
    const fresh = track(
      openDoc(second.url, w.id, artifactA, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    await synced(fresh);
    expect(itemsOf(fresh.doc).toJSON()).toEqual(expected);

    const store = new FileDocStore(joinPath(dir, 'docs'));
    expect((await store.load(`${w.id}/${artifactA}`)).length).toBeGreaterThan(0);
    await fetch(`${second.url}/api/workshops/${w.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${w.facilitatorKey}` },
    });
    expect(await store.load(`${w.id}/${artifactA}`)).toEqual([]);
    // Close here: this block's afterEach removes the folder before the outer one would close.
    fresh.destroy();
    docs.splice(docs.indexOf(fresh), 1);
    lives.splice(0).forEach((l) => l.socket.close());
    await second.server.close();
    running = { ...running, close: async () => {} };
  });

  it('keeps the edits of the last moment, still in the store\u2019s commit window, across a stop and restart', async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-stop-'));
    await running.close();
    const first = await start();
    use(first, false);
    const { w, people, artifactA } = await twoGroups(first.url);
    const ana = track(openDoc(first.url, w.id, artifactA, cred(people[0]!.token)));
    const ben = track(openDoc(first.url, w.id, artifactA, cred(people[1]!.token)));
    await Promise.all([synced(ana), synced(ben)]);
    for (let i = 0; i < 30; i++)
      itemsOf(ana.doc).push([newItem({ id: `last${i}`, text: `Last-minute note ${i}` })]);
    // Through the server (so it has applied them), then the stop at once: the editors are still
    // connected and the appends still in the store's commit window.
    await eventually(() => expect(itemsOf(ben.doc).length).toBe(itemsOf(ana.doc).length));
    const expected = itemsOf(ana.doc).toJSON();
    lives.splice(0).forEach((l) => l.socket.close());
    await first.server.close();
    for (const d of docs.splice(0)) d.destroy();

    const second = await start();
    use(second, true);
    const fresh = track(
      openDoc(second.url, w.id, artifactA, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    await synced(fresh);
    expect(itemsOf(fresh.doc).toJSON()).toEqual(expected);
    fresh.destroy();
    docs.splice(docs.indexOf(fresh), 1);
    lives.splice(0).forEach((l) => l.socket.close());
    await second.server.close();
    running = { ...running, close: async () => {} };
  });
});

describe('a seeded random-edit run with disconnects', () => {
  it('converges: every client and the reloaded server state are identical', async () => {
    const { w, people, artifactA } = await twoGroups();
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const clients = [0, 1].flatMap((i) =>
      [0, 1].map(() => track(openDoc(running.url, w.id, artifactA, cred(people[i]!.token)))),
    );
    await Promise.all(clients.map(synced));
    for (let step = 0; step < 300; step++) {
      const c = clients[Math.floor(random() * clients.length)]!;
      const items = itemsOf(c.doc);
      const r = random();
      if (r < 0.05) {
        if (c.provider.wsconnected) c.provider.disconnect();
        else c.provider.connect();
      } else if (r < 0.45 || items.length === 0)
        items.insert(Math.floor(random() * (items.length + 1)), [
          newItem({ id: `s${step}`, text: `Step ${step}` }),
        ]);
      else if (r < 0.6) items.delete(Math.floor(random() * items.length), 1);
      else
        items
          .get(Math.floor(random() * items.length))
          .set(random() < 0.5 ? 'checked' : 'notes', random() < 0.5 ? true : `n${step}`);
      if (step % 25 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    for (const c of clients) if (!c.provider.wsconnected) c.provider.connect();
    const server = track(
      openDoc(running.url, w.id, artifactA, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    await synced(server);
    // Equal as values: a key that two replicas first learned in different orders (one set on
    // an item after it was made) may come in another order out of toJSON.
    await eventually(() => {
      const reference = itemsOf(server.doc).toJSON();
      for (const c of clients) expect(itemsOf(c.doc).toJSON()).toEqual(reference);
    }, 5000);
    // The server's own copy, rebuilt from what it stored, is the same.
    const stored = new Y.Doc();
    await new Promise((r) => setTimeout(r, 100));
    for (const u of await (
      running.server.docs as unknown as { deps: { store: DocStore } }
    ).deps.store.load(`${w.id}/${artifactA}`))
      Y.applyUpdate(stored, u);
    expect(itemsOf(stored).toJSON()).toEqual(itemsOf(server.doc).toJSON());
  });
});
