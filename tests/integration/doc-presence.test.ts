import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
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
const lives: Live[] = [];
const docs: DocClient[] = [];
const sockets: WebSocket[] = [];
const track = (d: DocClient) => (docs.push(d), d);
beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.close();
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  await running.close();
});

type State = { user?: { name: string }; editing?: string | null } | null;

/** An awareness message: [messageAwareness, update], the update listing client, clock, state. */
function awarenessFrame(entries: Array<[clientId: number, clock: number, state: State]>) {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** Group A (Ana, Ben) co-edits its checklist; Chandra, of group B, may read it: gallery open. */
async function galleryOpen() {
  const w = await createWorkshop(running.url);
  const [ana, ben, chandra] = await Promise.all(
    ['Ana', 'Ben', 'Chandra'].map((n) => join(running.url, w.joinCode, n)),
  );
  const facilitator = await connect(running.url, w.id, {
    kind: 'facilitator',
    key: w.facilitatorKey,
  });
  lives.push(facilitator);
  const a = await send(facilitator, 'group.create', { name: 'Cebu' });
  const b = await send(facilitator, 'group.create', { name: 'Hanoi' });
  const groupA = a.ok ? a.groupId : '';
  for (const [p, g] of [
    [ana!, groupA],
    [ben!, groupA],
    [chandra!, b.ok ? b.groupId : ''],
  ] as const)
    await send(facilitator, 'group.assign', { participantId: p.participantId, groupId: g });
  await send(facilitator, 'exercise.launch', {
    title: 'First contact',
    kind: 'checklist',
    template: 'first-contact-referral',
  });
  await send(facilitator, 'gallery.set', { open: true });
  await eventually(() => expect(facilitator.session().artifacts).toHaveLength(2));
  const artifactId = facilitator.session().artifacts.find((x) => x.groupId === groupA)!.id;
  const open = (token: string) =>
    track(openDoc(running.url, w.id, artifactId, { kind: 'participant', token }));
  const [anaDoc, benDoc] = [open(ana!.token), open(ben!.token)];
  await Promise.all([synced(anaDoc), synced(benDoc)]);
  anaDoc.provider.awareness.setLocalStateField('editing', 'item-1');
  const anaId = anaDoc.doc.clientID;
  const seenByBen = () => benDoc.provider.awareness.getStates().get(anaId) as State | undefined;
  await eventually(() => expect(seenByBen()?.editing).toBe('item-1'));
  const raw = async (token: string) => {
    const ws = await openRawDoc(running.url, w.id, artifactId, { kind: 'participant', token });
    sockets.push(ws);
    return ws;
  };
  return { anaId, seenByBen, benDoc, raw, ana: ana!, chandra: chandra! };
}

describe('presence in a document', () => {
  it('cannot be taken over or removed by a gallery reader from another group', async () => {
    const { anaId, seenByBen, benDoc, raw, chandra } = await galleryOpen();
    const reader = await raw(chandra.token);
    // Ana's client id, as every reader sees it, named first: a higher clock would win.
    reader.send(awarenessFrame([[anaId, 1000, { editing: 'hijacked' }]]));
    reader.send(awarenessFrame([[anaId, 1001, null]]));
    reader.send(awarenessFrame([[424242, 1, { editing: null }]]));
    // The reader's own presence is shown, under its own name; by then the server has handled
    // the frames before it, and broadcast whatever they changed.
    await eventually(() =>
      expect(benDoc.provider.awareness.getStates().get(424242)).toMatchObject({
        user: { name: 'Chandra' },
      }),
    );
    expect(seenByBen()).toMatchObject({ user: { name: 'Ana' }, editing: 'item-1' });
  });

  it('moves to the same person\u2019s new connection (a tab back after a Wi-Fi drop)', async () => {
    const { anaId, seenByBen, raw, ana } = await galleryOpen();
    const again = await raw(ana.token);
    again.send(awarenessFrame([[anaId, 1000, { editing: 'item-2' }]]));
    await eventually(() =>
      expect(seenByBen()).toMatchObject({ user: { name: 'Ana' }, editing: 'item-2' }),
    );
  });
});
