import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '@plenary/server';
import type { EntryOutcome, ImportedWorkshop } from '@plenary/shared';
import { createWorkshop, join } from './harness.js';
import { freePort, startServerProcess, type ServerProcess } from './server-process.js';

/**
 * Issue 22, item 3: the restore form posts the backup file as multipart/form-data, before or
 * without scripts, to a form action that calls the server's restore through the request. Over
 * the real server process, with a stand-in web build (its handler.js does what the SvelteKit
 * action does: read the file, call `req.plenary.restore`), so the API's limits are seen to hold.
 */
const STAND_IN_HANDLER = `
export async function handler(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const form = await new Response(Buffer.concat(chunks), {
    headers: { 'content-type': req.headers['content-type'] },
  }).formData();
  const file = form.get('backup');
  const out = await req.plenary.restore(new Uint8Array(await file.arrayBuffer()));
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(out));
}
`;

let dir: string | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const postFile = async (base: string, text: string) => {
  const form = new FormData();
  form.set('backup', new Blob([text], { type: 'application/json' }), 'backup.json');
  const res = await fetch(`${base}/restore?/restore`, { method: 'POST', body: form });
  return (await res.json()) as EntryOutcome<ImportedWorkshop>;
};

describe('the restore form', () => {
  it('restores a backup posted as a file, refuses a bad one and counts both against the address', async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-restore-form-'));
    const web = joinPath(dir, 'web');
    await mkdir(web);
    await writeFile(joinPath(web, 'handler.js'), STAND_IN_HANDLER);
    const port = await freePort();
    server = await startServerProcess(joinPath(dir, 'data'), port, {
      WEB_BUILD_DIR: web,
      WORKSHOPS_PER_MINUTE: '3',
    });
    const base = `http://127.0.0.1:${port}`;

    // A backup made by the API, of a workshop someone joined.
    const made = await createWorkshop(base, { title: 'Backed up by the API' });
    await join(base, made.joinCode, 'Invented Rosa');
    const backup = await fetch(`${base}/api/workshops/${made.id}/export.json`, {
      headers: { authorization: `Bearer ${made.facilitatorKey}` },
    });
    expect(backup.status).toBe(200);
    const backupText = await backup.text();

    const restored = await postFile(base, backupText);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    const { id, facilitatorKey, participants } = restored.value;
    expect(id).not.toBe(made.id);
    expect(participants.map((p) => p.name)).toEqual(['Invented Rosa']);
    expect(participants[0]!.url).toBe(
      `${base}/w/${id}/followup#token=${encodeURIComponent(participants[0]!.token)}`,
    );
    const opened = await fetch(`${base}/api/workshops/${id}`, {
      headers: { authorization: `Bearer ${facilitatorKey}` },
    });
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as { title: string }).title).toBe('Backed up by the API');

    // Not a backup, and nested past the limit: refused, with what is wrong.
    expect(await postFile(base, '{"format": "a shopping list"}')).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    expect(await postFile(base, '['.repeat(100) + ']'.repeat(100))).toMatchObject({
      ok: false,
      code: 'bad_request',
      message: expect.stringMatching(/nests deeper/),
    });
    // Three restores a minute from this address (WORKSHOPS_PER_MINUTE), the form's as the API's.
    expect(await postFile(base, backupText)).toMatchObject({ ok: false, code: 'rate_limited' });

    // Only the original and the one good restore exist.
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
    const store = await LowdbStore.open(joinPath(dir, 'data'));
    try {
      expect((await store.list()).sort()).toEqual([made.id, id].sort());
    } finally {
      await store.close();
    }
  }, 60_000);
});
