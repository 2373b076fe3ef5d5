import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { itemsOf, newItem } from '@plenary/shared/docs';
import { eventually, groupWithChecklist, startServer, type Live, type Running } from './harness.js';
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

describe('document connections', () => {
  it('carry no secret in any URL: a session of co-editing, a reconnect and the projector', async () => {
    const urls: string[] = [];
    const seen = (req: IncomingMessage) => urls.push(req.url ?? '');
    running.server.http.prependListener('request', seen);
    running.server.http.prependListener('upgrade', seen);

    const { w, ana, ben, facilitator, artifactId } = await groupWithChecklist(running.url);
    lives.push(facilitator);
    const open = (credential: Parameters<typeof openDoc>[3]) =>
      track(openDoc(running.url, w.id, artifactId, credential));
    const anaDoc = open({ kind: 'participant', token: ana!.token });
    const benDoc = open({ kind: 'participant', token: ben!.token });
    const desk = open({ kind: 'facilitator', key: w.facilitatorKey });
    const screen = open({ kind: 'screen', key: w.screenKey });
    await Promise.all([anaDoc, benDoc, desk, screen].map(synced));
    itemsOf(anaDoc.doc).push([newItem({ id: 'a', text: 'Recruited online' })]);
    await eventually(() =>
      expect(itemsOf(benDoc.doc).toJSON()).toEqual(itemsOf(anaDoc.doc).toJSON()),
    );

    // The connection drops; the client comes back on a new socket, authenticated again.
    const upgrades = () => urls.filter((u) => u.startsWith('/yjs/')).length;
    const before = upgrades();
    benDoc.provider.ws!.close();
    await eventually(() => expect(upgrades()).toBeGreaterThan(before));
    await synced(benDoc);
    itemsOf(benDoc.doc).push([newItem({ id: 'b', text: 'Documents kept' })]);
    await eventually(() => {
      expect(itemsOf(anaDoc.doc).length).toBe(itemsOf(benDoc.doc).length);
      expect(itemsOf(screen.doc).toJSON()).toEqual(itemsOf(benDoc.doc).toJSON());
      expect(benDoc.allSaved()).toBe(true);
    });

    expect(upgrades()).toBeGreaterThanOrEqual(5);
    const secrets = [ana!.token, ben!.token, w.facilitatorKey, w.screenKey];
    const tokenParts = secrets.flatMap((s) => s.split('.')).filter((s) => s.length >= 16);
    for (const url of urls)
      for (const secret of [...secrets, ...tokenParts])
        for (const form of [secret, encodeURIComponent(secret)])
          expect(url, 'a URL the server saw').not.toContain(form);
  });
});
