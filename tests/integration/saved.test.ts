import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FileDocStore } from '@plenary/server';
import { DOC_MESSAGE_SAVED } from '@plenary/shared';
import { itemsOf, newItem, readItem } from '@plenary/shared/docs';
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
import { openDoc, openRawDoc, synced, type DocClient } from './docs-harness.js';

let running: Running;
let dir: string;
const lives: Live[] = [];
const docs: DocClient[] = [];
beforeEach(async () => {
  dir = await mkdtemp(joinPath(tmpdir(), 'plenary-saved-'));
  running = await startServer(undefined, undefined, { docStore: new FileDocStore(dir) });
});
afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  await running.close();
  await rm(dir, { recursive: true, force: true });
});

async function checklist() {
  const w = await createWorkshop(running.url, { template: 'blank' });
  const p = await join(running.url, w.joinCode, 'Invented Dara', 'KH');
  const facilitator = await connect(running.url, w.id, {
    kind: 'facilitator',
    key: w.facilitatorKey,
  });
  lives.push(facilitator);
  await send(facilitator, 'group.auto', { mode: 'random', size: 3 });
  await send(facilitator, 'exercise.launch', { title: 'Checklist', kind: 'checklist' });
  await eventually(() => expect(facilitator.session().artifacts).toHaveLength(1));
  return { w, p, artifactId: facilitator.session().artifacts[0]!.id };
}

/** A participant editing the checklist and the facilitator viewing it, both synced. */
async function editorAndViewer() {
  const { w, p, artifactId } = await checklist();
  const editor = openDoc(running.url, w.id, artifactId, { kind: 'participant', token: p.token });
  const viewer = openDoc(running.url, w.id, artifactId, {
    kind: 'facilitator',
    key: w.facilitatorKey,
  });
  docs.push(editor, viewer);
  await Promise.all([synced(editor), synced(viewer)]);
  return { w, p, artifactId, editor, viewer };
}

describe('the saved report', () => {
  it('tells an editor its edit is stored only once it is on disk', async () => {
    const { w, p, artifactId } = await checklist();
    const editor = openDoc(running.url, w.id, artifactId, { kind: 'participant', token: p.token });
    docs.push(editor);
    await synced(editor);
    await eventually(() => expect(editor.allSaved()).toBe(true));
    itemsOf(editor.doc).push([newItem({ id: 'a', text: 'Passport withheld by employer' })]);
    expect(editor.allSaved()).toBe(false);
    await eventually(() => expect(editor.allSaved()).toBe(true));
    // At the moment it is reported saved, a fresh reader of the files finds it.
    const doc = new Y.Doc();
    const reader = new FileDocStore(dir);
    for (const u of await reader.load(`${w.id}/${artifactId}`)) Y.applyUpdate(doc, u);
    expect(
      itemsOf(doc)
        .toArray()
        .map((m) => readItem(m).text),
    ).toContain('Passport withheld by employer');
    await reader.close();
  });

  it('also reaches the other people in the document, who then know all they see is stored', async () => {
    const { editor, viewer } = await editorAndViewer();
    itemsOf(editor.doc).push([newItem({ id: 'b', text: 'Debt bondage' })]);
    await eventually(() => expect(itemsOf(viewer.doc).length).toBe(1));
    await eventually(() => expect(viewer.allSaved()).toBe(true));
  });

  it('is not sent again to the others when someone comes back with nothing new', async () => {
    const { w, p, artifactId, editor, viewer } = await editorAndViewer();
    let reports = 0;
    const handle = viewer.provider.messageHandlers[DOC_MESSAGE_SAVED]!;
    viewer.provider.messageHandlers[DOC_MESSAGE_SAVED] = (...args) => {
      reports++;
      handle(...args);
    };
    itemsOf(editor.doc).push([newItem({ id: 'r', text: 'Recruited with a false job offer' })]);
    await eventually(() => expect(itemsOf(viewer.doc).length).toBe(1));
    await eventually(() => expect(reports).toBeGreaterThan(0));
    expect(viewer.allSaved()).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    const before = reports;
    // The same person on a second device (or back after a drop): its sync brings nothing new.
    const again = openDoc(running.url, w.id, artifactId, { kind: 'participant', token: p.token });
    docs.push(again);
    await synced(again);
    await eventually(() => expect(again.allSaved()).toBe(true));
    await new Promise((r) => setTimeout(r, 1000));
    expect(reports).toBe(before);
    // Something new from it is reported to the others as before.
    itemsOf(again.doc).push([newItem({ id: 's', text: 'Documents kept by the recruiter' })]);
    await eventually(() => expect(itemsOf(viewer.doc).length).toBe(2));
    await eventually(() => expect(viewer.allSaved()).toBe(true));
    expect(reports).toBeGreaterThan(before);
  });

  it('reaches a client that comes back with nothing new once, when it joins', async () => {
    const { w, p, artifactId, editor } = await editorAndViewer();
    itemsOf(editor.doc).push([newItem({ id: 'n', text: 'Debt to the recruiter' })]);
    await eventually(() => expect(editor.allSaved()).toBe(true));
    const types: number[] = [];
    const ws = await openRawDoc(
      running.url,
      w.id,
      artifactId,
      { kind: 'participant', token: p.token },
      '?saved=1',
    );
    ws.on('message', (data: Buffer) => types.push(data[0]!));
    // Its sync brings what the document has already: [messageSync, syncStep2, update].
    const update = Y.encodeStateAsUpdate(editor.doc);
    ws.send(Buffer.concat([Buffer.from([0, 1]), varUint(update.length), Buffer.from(update)]));
    // Then it asks for presence (messageQueryAwareness): the answer (type 1) comes after
    // anything the sync made the server send.
    ws.send(Buffer.from([3]));
    await eventually(() => {
      expect(types).toContain(DOC_MESSAGE_SAVED);
      expect(types.at(-1)).toBe(1);
      expect(types.lastIndexOf(1)).toBeGreaterThan(types.indexOf(DOC_MESSAGE_SAVED));
    });
    expect(types.filter((t) => t === DOC_MESSAGE_SAVED)).toHaveLength(1);
    ws.close();
  });

  it('is not sent to plain y-websocket clients, which would not understand it', async () => {
    const { w, p, artifactId } = await checklist();
    const types: number[] = [];
    const ws = await openRawDoc(running.url, w.id, artifactId, {
      kind: 'participant',
      token: p.token,
    });
    ws.on('message', (data: Buffer) => types.push(data[0]!));
    const doc = new Y.Doc();
    itemsOf(doc).push([newItem({ id: 'c', text: 'Isolation' })]);
    // sync step 2 carrying the update: [messageSync, syncStep2, update]
    const update = Y.encodeStateAsUpdate(doc);
    ws.send(Buffer.concat([Buffer.from([0, 1]), varUint(update.length), Buffer.from(update)]));
    const reader = openDoc(running.url, w.id, artifactId, { kind: 'participant', token: p.token });
    docs.push(reader);
    await eventually(() => expect(itemsOf(reader.doc).length).toBe(1));
    reader.provider.awareness.setLocalStateField('editing', 'c');
    await eventually(() => expect(types).toContain(1));
    await new Promise((r) => setTimeout(r, 700));
    ws.close();
    expect(types.length).toBeGreaterThan(0);
    expect(types).not.toContain(DOC_MESSAGE_SAVED);
    // …but it gets everything else, the others' presence (awareness, type 1) included. The
    // reader hears what is saved when it joins, or from the report to everyone within 500 ms.
    expect(types).toContain(1);
    await eventually(() => expect(reader.saved.size).toBeGreaterThan(0));
  });
});

describe('what is stored of each update', () => {
  const raw = (w: { id: string }, artifactId: string, token: string) =>
    openRawDoc(running.url, w.id, artifactId, { kind: 'participant', token });
  // [messageSync, messageYjsUpdate, update]
  const frame = (u: Uint8Array) =>
    Buffer.concat([Buffer.from([0, 2]), varUint(u.length), Buffer.from(u)]);
  const stored = async (name: string) => {
    const reader = new FileDocStore(dir);
    const updates = await reader.load(name);
    await reader.close();
    const doc = new Y.Doc();
    for (const u of updates) Y.applyUpdate(doc, u);
    return {
      count: updates.length,
      texts: itemsOf(doc)
        .toArray()
        .map((m) => readItem(m).text),
    };
  };

  it('keeps an update that arrives before the one it builds on, and stores nothing for a repeat', async () => {
    const { w, p, artifactId } = await checklist();
    const name = `${w.id}/${artifactId}`;
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    itemsOf(doc).push([newItem({ id: 'e1', text: 'Recruited online' })]);
    itemsOf(doc).push([newItem({ id: 'e2', text: 'Documents confiscated' })]);
    const x = await raw(w, artifactId, p.token);
    const y = await raw(w, artifactId, p.token);
    // The second edit first, through one connection: the server cannot integrate it yet, but
    // must keep it (in memory), since it integrates later under another origin.
    x.send(frame(updates[1]!));
    y.send(frame(updates[0]!));
    await eventually(async () =>
      expect((await stored(name)).texts).toEqual(['Recruited online', 'Documents confiscated']),
    );
    const count = (await stored(name)).count;
    // The same update again changes nothing, so nothing is appended.
    y.send(frame(updates[0]!));
    await new Promise((r) => setTimeout(r, 300));
    expect((await stored(name)).count).toBe(count);
    x.close();
    y.close();
  });
});

function varUint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 127) {
    bytes.push((n & 127) | 128);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}
