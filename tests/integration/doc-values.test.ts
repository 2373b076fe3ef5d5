import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FileDocStore, MemoryStore } from '@plenary/server';
import { itemsOf } from '@plenary/shared/docs';
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

// The server gives every value it decodes an array of its own length (server/src/coediting/
// trim-values.ts): these tests hold that this changes nothing anyone can see.

let running: Running | undefined;
let dir: string | undefined;
const lives: Live[] = [];
const docs: DocClient[] = [];
const track = (d: DocClient) => (docs.push(d), d);

afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  await running?.close();
  running = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const json = (doc: Y.Doc) => ({
  items: itemsOf(doc).toJSON(),
  trail: doc.getArray<string>('trail').toJSON(),
});

describe('values in a loaded document', () => {
  it('stay what the editors wrote through overwrites, a split run of values and a restart', async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-values-'));
    const store = new MemoryStore();
    running = await startServer(store, undefined, { docStore: new FileDocStore(dir) });
    const w = await createWorkshop(running.url, { template: 'blank' });
    const ana = await join(running.url, w.joinCode, 'Invented Ana', 'PH');
    const ben = await join(running.url, w.joinCode, 'Invented Ben', 'KH');
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    lives.push(facilitator);
    await send(facilitator, 'group.auto', { mode: 'random', size: 3 });
    await send(facilitator, 'exercise.launch', {
      title: 'Indicators',
      kind: 'checklist',
      template: 'identification-adult',
    });
    await eventually(() => expect(facilitator.session().artifacts).toHaveLength(1));
    const artifactId = facilitator.session().artifacts[0]!.id;

    // The template's values are loaded from the store, so the server decoded every one of them.
    const a = track(
      openDoc(running.url, w.id, artifactId, { kind: 'participant', token: ana.token }),
    );
    const b = track(
      openDoc(running.url, w.id, artifactId, { kind: 'participant', token: ben.token }),
    );
    await Promise.all([synced(a), synced(b)]);
    expect(itemsOf(a.doc).length).toBe(16);

    // Values overwritten many times by both editors at once.
    for (let i = 0; i < 30; i++) {
      itemsOf(a.doc)
        .get(i % 4)
        .set('checked', i % 3 === 0);
      itemsOf(b.doc)
        .get(i % 4)
        .set('notes', `Note ${i} by Ben`);
      itemsOf(b.doc).get(5).set('owner', `Owner ${i}`);
    }
    // Any y-websocket client may send a run of several values in one struct; a later insert
    // into its middle splits the server's copy of it.
    b.doc.getArray<string>('trail').push(['one', 'two', 'three', 'four', 'five']);
    await eventually(() => expect(a.doc.getArray('trail').length).toBe(5));
    a.doc.getArray<string>('trail').insert(2, ['between']);
    await eventually(() => expect(b.doc.getArray('trail').length).toBe(6));
    b.doc.getArray<string>('trail').delete(0, 1);

    const expected = {
      trail: ['two', 'between', 'three', 'four', 'five'],
      first: { checked: false, notes: 'Note 28 by Ben' },
      owner: 'Owner 29',
    };
    await eventually(() => {
      expect(json(a.doc)).toEqual(json(b.doc));
      expect(json(a.doc).trail).toEqual(expected.trail);
      expect(itemsOf(a.doc).get(0).toJSON()).toMatchObject(expected.first);
      expect(itemsOf(a.doc).get(5).get('owner')).toBe(expected.owner);
    });
    // The server's own copy is the same document.
    const live = new Y.Doc();
    Y.applyUpdate(live, await running.server.docs.stateOf(w.id, artifactId));
    expect(json(live)).toEqual(json(a.doc));
    await eventually(() => expect(a.allSaved() && b.allSaved()).toBe(true));
    const before = json(a.doc);

    // Restart on the same files: what is reloaded (and trimmed again) is what was written.
    for (const d of docs.splice(0)) d.destroy();
    for (const l of lives.splice(0)) l.socket.close();
    await running.close();
    running = await startServer(store, undefined, { docStore: new FileDocStore(dir) });
    const again = track(
      openDoc(running.url, w.id, artifactId, { kind: 'participant', token: ana.token }),
    );
    await synced(again);
    expect(json(again.doc)).toEqual(before);
    // And it can still be edited: a value set after the reload reaches a second editor.
    const other = track(
      openDoc(running.url, w.id, artifactId, { kind: 'participant', token: ben.token }),
    );
    await synced(other);
    itemsOf(again.doc).get(0).set('notes', 'After the restart');
    again.doc.getArray<string>('trail').insert(1, ['after']);
    await eventually(() => {
      expect(json(other.doc)).toEqual(json(again.doc));
      expect(itemsOf(other.doc).get(0).get('notes')).toBe('After the restart');
      expect(json(other.doc).trail).toEqual(['two', 'after', 'between', 'three', 'four', 'five']);
    });
  });
});
