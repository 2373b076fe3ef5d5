import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileDocStore, LowdbStore, createServer } from '@plenary/server';
import { itemsOf, newItem } from '@plenary/shared/docs';
import { connect, createWorkshop, eventually, join, send } from './harness.js';
import { openDoc, synced } from './docs-harness.js';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('retention', () => {
  it('deletes a workshop and its documents from disk once its period is over, and keeps the others', async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-retention-'));
    const server = createServer({
      store: await LowdbStore.open(joinPath(dir, 'db')),
      docStore: new FileDocStore(joinPath(dir, 'docs')),
      version: 'test',
    });
    const url = await server.listen(0, '127.0.0.1');
    try {
      const old = await createWorkshop(url, {
        title: 'Finished training',
        startsOn: '2026-01-05',
        endsOn: '2026-01-09',
        retentionDays: 30,
      });
      const kept = await createWorkshop(url, {
        title: 'Kept training',
        startsOn: '2026-01-05',
        endsOn: '2026-01-09',
      });
      const recent = await createWorkshop(url, {
        title: 'Recent training',
        endsOn: '2026-11-20',
        retentionDays: 30,
      });
      const p = await join(url, old.joinCode, 'Invented Person');
      const facilitator = await connect(url, old.id, {
        kind: 'facilitator',
        key: old.facilitatorKey,
      });
      const g = await send(facilitator, 'group.create', { name: 'G' });
      await send(facilitator, 'group.assign', {
        participantId: p.participantId,
        groupId: g.ok ? g.groupId : '',
      });
      await send(facilitator, 'exercise.launch', { title: 'Notes', kind: 'checklist' });
      await eventually(() => expect(facilitator.session().artifacts).toHaveLength(1));
      const doc = openDoc(url, old.id, facilitator.session().artifacts[0]!.id, {
        kind: 'participant',
        token: p.token,
      });
      await synced(doc);
      itemsOf(doc.doc).push([newItem({ id: 'x', text: 'A sensitive case note (invented)' })]);
      // On disk once the server reports it saved.
      await eventually(() => expect(doc.allSaved()).toBe(true));
      expect(await readdir(joinPath(dir, 'docs'))).toEqual([old.id]);
      const ended = new Promise<string>((resolve) => facilitator.socket.on('ended', resolve));

      // The retention period of the first one is over on 2026-02-09.
      const deleted = await server.sweep(Date.parse('2026-02-10T00:00:00Z'));
      expect(deleted).toEqual([old.id]);
      expect(await ended).toBe('deleted');
      doc.destroy();
      facilitator.socket.close();
      expect(await server.workshops.get(old.id)).toBeUndefined();
      expect(await server.workshops.get(kept.id)).toBeDefined();
      expect(await server.workshops.get(recent.id)).toBeDefined();
      await server.close();
      const file = await readFile(joinPath(dir, 'db', 'workshops.json'), 'utf8');
      expect(file).not.toContain('Finished training');
      expect(file).not.toContain('Invented Person');
      expect(await readdir(joinPath(dir, 'docs'))).toEqual([]);
    } finally {
      await server.close().catch(() => undefined);
    }
  });
});
