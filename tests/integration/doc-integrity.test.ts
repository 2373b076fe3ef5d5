import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { MemoryDocStore } from '@plenary/server';
import { MemoryStore } from '@plenary/server';
import type { ImportedWorkshop, WorkshopBackup } from '@plenary/shared';
import { itemsOf, newItem, readDocumentContent } from '@plenary/shared/docs';
import {
  eventually,
  groupWithChecklist,
  post,
  startServer,
  type Live,
  type Running,
} from './harness.js';
import { openDoc, synced, type DocClient } from './docs-harness.js';

let running: Running;
let docStore: MemoryDocStore;
const lives: Live[] = [];
const docs: DocClient[] = [];
const track = (d: DocClient) => (docs.push(d), d);
beforeEach(async () => {
  docStore = new MemoryDocStore();
  running = await startServer(new MemoryStore(), undefined, { docStore });
});
afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  await running.close();
});

/** A group of two with a checklist, both members in the document. */
async function group() {
  const { w, ana, ben, facilitator, artifactId } = await groupWithChecklist(running.url);
  lives.push(facilitator);
  const open = (token: string) =>
    track(openDoc(running.url, w.id, artifactId, { kind: 'participant', token }));
  const [anaDoc, benDoc] = [open(ana!.token), open(ben!.token)];
  await Promise.all([synced(anaDoc), synced(benDoc)]);
  return { w, artifactId, anaDoc, benDoc };
}

/**
 * Three updates of one Yjs client the server has never seen: an item, a second item after it,
 * and the first item's deletion. Without the first, the others wait ("pending" in Yjs).
 */
function dependentUpdates(state: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  itemsOf(doc).push([newItem({ id: 'first', text: 'First' })]);
  itemsOf(doc).push([newItem({ id: 'second', text: 'Second' })]);
  itemsOf(doc).delete(itemsOf(doc).length - 2, 1);
  const [first, second, deletion] = updates as [Uint8Array, Uint8Array, Uint8Array];
  return { first, second, deletion };
}

/** A y-websocket update message, sent as is on a client's own socket. */
function sendRaw(client: DocClient, update: Uint8Array) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // sync
  encoding.writeVarUint(e, 2); // update
  encoding.writeVarUint8Array(e, update);
  client.provider.ws!.send(encoding.toUint8Array(e));
}

const ids = (doc: Y.Doc) =>
  itemsOf(doc)
    .toArray()
    .map((m) => m.get('id'));

async function exportAndRestore(w: { id: string; facilitatorKey: string }) {
  const res = await fetch(`${running.url}/api/workshops/${w.id}/export.json`, {
    headers: { authorization: `Bearer ${w.facilitatorKey}` },
  });
  expect(res.status).toBe(200);
  const backup = (await res.json()) as WorkshopBackup;
  return post<ImportedWorkshop>(`${running.url}/api/workshops/import`, backup);
}

const stored = async (name: string) => {
  const doc = new Y.Doc();
  for (const u of await docStore.load(name)) Y.applyUpdate(doc, u);
  return doc;
};

describe('an update with a missing dependency', () => {
  it('is never stored nor exported: the backup restores with the group\u2019s content intact', async () => {
    const { w, artifactId, anaDoc } = await group();
    const { second, deletion } = dependentUpdates(
      await running.server.docs.stateOf(w.id, artifactId),
    );
    sendRaw(anaDoc, second);
    sendRaw(anaDoc, deletion);
    // An honest edit after them: once it is saved, the server has handled both.
    itemsOf(anaDoc.doc).get(0).set('checked', true);
    await eventually(() => expect(anaDoc.allSaved()).toBe(true));

    const onDisk = await stored(`${w.id}/${artifactId}`);
    expect(onDisk.store.pendingStructs).toBeNull();
    expect(onDisk.store.pendingDs).toBeNull();

    const restored = await exportAndRestore(w);
    expect(restored.status).toBe(201);
    const state = (id: string) => running.server.docs.stateOf(id, artifactId);
    const [before, after] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(before, await state(w.id));
    Y.applyUpdate(after, await state(restored.body.id));
    expect(readDocumentContent('checklist', after)).toEqual(
      readDocumentContent('checklist', before),
    );
    expect(itemsOf(after).get(0).get('checked')).toBe(true);
    expect(ids(after)).toEqual(ids(anaDoc.doc));
  });

  it('waits, and is stored once what it depends on arrives from another member', async () => {
    const { w, artifactId, anaDoc, benDoc } = await group();
    const { first, second } = dependentUpdates(await running.server.docs.stateOf(w.id, artifactId));
    sendRaw(anaDoc, second);
    sendRaw(benDoc, first);
    await eventually(async () => {
      expect(ids(await stored(`${w.id}/${artifactId}`))).toEqual(
        expect.arrayContaining(['first', 'second']),
      );
    });
    await eventually(() => expect(ids(anaDoc.doc)).toContain('second'));
    const restored = await exportAndRestore(w);
    expect(restored.status).toBe(201);
    const after = new Y.Doc();
    Y.applyUpdate(after, await running.server.docs.stateOf(restored.body.id, artifactId));
    expect(ids(after)).toEqual(ids(anaDoc.doc));
  });
});
