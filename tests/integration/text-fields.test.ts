import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FileDocStore, MemoryStore } from '@plenary/server';
import { itemsOf, readItem, writeField } from '@plenary/shared/docs';
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

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function serverWithFileDocs(): Promise<{
  running: Running;
  dir: string;
  docs: FileDocStore;
}> {
  const dir = await mkdtemp(joinPath(tmpdir(), 'plenary-text-'));
  const docs = new FileDocStore(dir, 5);
  const running = await startServer(new MemoryStore(), undefined, { docStore: docs });
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  cleanup.push(() => running.close());
  return { running, dir, docs };
}

/** One group of two with a checklist from a template. */
async function groupChecklist(url: string) {
  const w = await createWorkshop(url);
  const [ana, ben] = await Promise.all(['Ana', 'Ben'].map((n) => join(url, w.joinCode, n)));
  const facilitator: Live = await connect(url, w.id, {
    kind: 'facilitator',
    key: w.facilitatorKey,
  });
  cleanup.push(() => void facilitator.socket.close());
  const g = await send(facilitator, 'group.create', { name: 'Cebu' });
  const groupId = g.ok ? g.groupId : '';
  for (const p of [ana!, ben!])
    await send(facilitator, 'group.assign', { participantId: p.participantId, groupId });
  await send(facilitator, 'exercise.launch', {
    title: 'Identify the victim',
    kind: 'checklist',
    template: 'identification-adult',
  });
  await eventually(() => expect(facilitator.session().artifacts).toHaveLength(1));
  return { w, ana: ana!, ben: ben!, artifactId: facilitator.session().artifacts[0]!.id };
}

const open = (url: string, workshopId: string, artifactId: string, token: string): DocClient => {
  const client = openDoc(url, workshopId, artifactId, { kind: 'participant', token });
  cleanup.push(() => client.destroy());
  return client;
};

describe('two people typing in one field', () => {
  it('keeps both texts when they typed while disconnected from each other', async () => {
    const { running } = await serverWithFileDocs();
    const { w, ana, ben, artifactId } = await groupChecklist(running.url);
    const a = open(running.url, w.id, artifactId, ana.token);
    const b = open(running.url, w.id, artifactId, ben.token);
    await Promise.all([synced(a), synced(b)]);
    const notes = (c: DocClient) => readItem(itemsOf(c.doc).get(0)).notes;

    b.provider.disconnect();
    writeField(itemsOf(a.doc).get(0), 'notes', 'Ana: passport held by the employer.');
    writeField(itemsOf(b.doc).get(0), 'notes', 'Ben: works 16 hours a day.');
    await eventually(() => expect(a.allSaved()).toBe(true));
    b.provider.connect();

    await eventually(() => {
      expect(notes(a)).toBe(notes(b));
      expect(notes(a)).toContain('Ana: passport held by the employer.');
      expect(notes(a)).toContain('Ben: works 16 hours a day.');
    });
  });
});

describe('a document from before text fields were Y.Text', () => {
  it('loads upgraded with every word, and the upgrade is on disk', async () => {
    const { running, dir, docs } = await serverWithFileDocs();
    const { w, ana, artifactId } = await groupChecklist(running.url);
    const name = `${w.id}/${artifactId}`;
    // What the pages stored before: whole strings set into the item's Y.Map.
    const old = new Y.Doc();
    for (const u of await docs.load(name)) Y.applyUpdate(old, u);
    const before = Y.encodeStateVector(old);
    old.transact(() => {
      const item = itemsOf(old).get(0);
      item.set('notes', 'Said she owes 3,000 dollars for the trip');
      item.set('owner', 'Dewi');
      const added = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: 'x1', section: 'Extra', text: 'Fake contract' }))
        added.set(k, v);
      itemsOf(old).push([added]);
    });
    await docs.append(name, Y.encodeStateAsUpdate(old, before));

    const a = open(running.url, w.id, artifactId, ana.token);
    await synced(a);
    const first = itemsOf(a.doc).get(0);
    const last = itemsOf(a.doc).get(itemsOf(a.doc).length - 1);
    expect(first.get('notes')).toBeInstanceOf(Y.Text);
    expect(readItem(first)).toMatchObject({
      notes: 'Said she owes 3,000 dollars for the trip',
      owner: 'Dewi',
    });
    expect(last.get('text')).toBeInstanceOf(Y.Text);
    expect(readItem(last)).toMatchObject({ id: 'x1', text: 'Fake contract' });

    await eventually(async () => {
      const stored = new Y.Doc();
      for (const u of await new FileDocStore(dir).load(name)) Y.applyUpdate(stored, u);
      expect(itemsOf(stored).get(0).get('notes')).toBeInstanceOf(Y.Text);
      expect(readItem(itemsOf(stored).get(0)).notes).toBe(
        'Said she owes 3,000 dollars for the trip',
      );
    });
  });
});
