import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { itemsOf, newItem } from '@plenary/shared/docs';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  send,
  type Live,
} from '../integration/harness.js';
import { openDoc, openRawDoc, synced, type DocClient } from '../integration/docs-harness.js';
import { freePort, startServerProcess, type ServerProcess } from '../integration/server-process.js';

let child: ServerProcess | undefined;
let dir = '';
const lives: Live[] = [];
const docs: DocClient[] = [];
afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  child?.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

const MARKER = 'Invented-Case-Detail-7Q3Z';

describe('the server logs', () => {
  it('never contain a key, a token, a join code or document content, whatever goes wrong', async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-logs-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await startServerProcess(dir, port);

    const w = await createWorkshop(url, { template: 'blank', title: `Workshop ${MARKER}` });
    const people = await Promise.all(
      ['Invented Ana', 'Invented Binh', 'Invented Chai'].map((name) => join(url, w.joinCode, name)),
    );
    const facilitator = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    lives.push(facilitator);
    await send(facilitator, 'group.auto', { mode: 'random', size: 3 });
    await send(facilitator, 'exercise.launch', { title: 'Checklist', kind: 'checklist' });
    await eventually(() => expect(facilitator.session().artifacts.length).toBe(1));
    const artifactId = facilitator.session().artifacts[0]!.id;

    // Ordinary work, with content that must stay out of the logs.
    const editor = openDoc(url, w.id, artifactId, { kind: 'participant', token: people[0]!.token });
    docs.push(editor);
    await synced(editor);
    itemsOf(editor.doc).push([newItem({ id: 'x1', text: `Indicator ${MARKER}` })]);
    await eventually(() => expect(editor.allSaved()).toBe(true));

    // Things going wrong: wrong secrets, malformed JSON carrying a token, bad commands,
    // a malformed document frame, a document that cannot be loaded.
    const token = people[1]!.token;
    await fetch(`${url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"joinCode": "${w.joinCode}", "token": "${token}", "name": "${MARKER}`,
    });
    await fetch(`${url}/api/workshops/${w.id}`, {
      headers: { authorization: `Bearer ${token}${MARKER}` },
    });
    await fetch(`${url}/api/workshops/${w.id}?key=${w.facilitatorKey}`, { method: 'DELETE' });
    await connect(url, w.id, { kind: 'participant', token: `${token}x` }).catch(() => undefined);
    const participant = await connect(url, w.id, { kind: 'participant', token });
    lives.push(participant);
    await send(participant, 'module.add', { title: MARKER });
    await send(facilitator, 'poll.create', {
      kind: 'single',
      question: MARKER,
      options: [],
    } as never);
    (participant.socket as unknown as { emit(...args: unknown[]): void }).emit('vote.cast', {
      token,
      junk: MARKER,
    });
    const wrongDoc = openDoc(url, w.id, artifactId, { kind: 'participant', token: `${token}zz` });
    docs.push(wrongDoc);
    const raw = await openRawDoc(url, w.id, artifactId, {
      kind: 'participant',
      token: people[2]!.token,
    });
    raw.send(Buffer.from(`\x00\x02${MARKER}${people[2]!.token}`));
    await new Promise((r) => raw.once('close', r));
    // A document file that is not a Yjs update: loading it fails and is logged.
    const broken = await send(facilitator, 'exercise.launch', {
      title: 'Plan',
      kind: 'action-plan',
    });
    expect(broken.ok).toBe(true);
    await eventually(() => expect(facilitator.session().artifacts.length).toBe(2));
    const brokenId = facilitator.session().artifacts[1]!.id;
    await writeFile(
      joinPath(dir, 'docs', w.id, `${brokenId}.snap`),
      Buffer.from(`\xff\xff\xff${MARKER}${token}`),
    );
    const failing = openDoc(url, w.id, brokenId, { kind: 'facilitator', key: w.facilitatorKey });
    docs.push(failing);
    await eventually(() => expect(child!.output()).toContain('could not load document'), 5000);

    // A graceful stop with document sockets still open (it used to wait for them forever).
    child.kill('SIGTERM');
    const code = await new Promise((r) => child!.once('exit', r));
    expect(code).toBe(0);
    const logs = child.output();
    expect(logs).toContain('listening on');
    const secrets = [
      w.facilitatorKey,
      w.screenKey,
      w.joinCode,
      MARKER,
      ...people.flatMap((p) => [p.token, p.token.split('.')[1]!]),
    ];
    for (const secret of secrets) expect(logs, `logs contain ${secret}`).not.toContain(secret);
  }, 60_000);
});
