// Restoring a large backup (issue 19, item 5): how big a real one gets, and what its import
// does to the server's event loop; then what a body of nested arrays does.
//   node --import tsx bench/src/backup-import.ts            (BENCH_BUILD=NAME for a snapshot)
// Prints JSON; asserts nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { CreatedWorkshop, WorkshopBackup } from '@plenary/shared';
import { Facilitator } from './api.js';
import { resolveBuild } from './build.js';
import { killAll, ServerProcess } from './server.js';

const PARTICIPANTS = 200;
const GROUPS = 8;
/** Words each of 5 people types into a document a day (and half as many drags of an actor). */
const WORDS = Number(process.env.WORDS ?? 120);
const KINDS = ['checklist', 'action-plan', 'map', 'budget', 'practice'] as const;

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Five days of a group document: 5 people, actors and links typed and retyped, moved often. */
function heavyState(base: Uint8Array, seed: number): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const actors = doc.getMap<Y.Map<unknown>>('actors');
  const texts: Y.Text[] = [];
  for (let i = 0; i < 40; i++) {
    doc.clientID = 1000 + seed * 10 + (i % 5);
    const m = new Y.Map<unknown>();
    doc.transact(() => {
      actors.set(`a${i}`, m);
      const name = new Y.Text();
      const note = new Y.Text();
      m.set('name', name);
      m.set('contact', note);
      m.set('sector', 'shelter');
      texts.push(name, note);
    });
  }
  const words =
    'victim referral shelter police labour inspector consent child adult hotline '.split(' ');
  for (let day = 0; day < 5; day++) {
    for (let person = 0; person < 5; person++) {
      doc.clientID = 1000 + seed * 10 + person + day * 100;
      // Typing, a keystroke a transaction, with corrections.
      for (let k = 0; k < WORDS; k++) {
        const t = texts[Math.floor(rnd() * texts.length)]!;
        const word = words[Math.floor(rnd() * words.length)]!;
        for (const ch of `${word} `) t.insert(t.length, ch);
        if (rnd() < 0.15 && t.length > 4) t.delete(t.length - 3, 3);
      }
      // Dragging actors around the map.
      for (let k = 0; k < WORDS / 2; k++) {
        const m = actors.get(`a${Math.floor(rnd() * 40)}`)!;
        doc.transact(() => {
          m.set('x', Math.round(rnd() * 1000));
          m.set('y', Math.round(rnd() * 700));
        });
      }
    }
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

async function buildBackup(base: string): Promise<WorkshopBackup> {
  const w = await json<CreatedWorkshop>(
    await fetch(`${base}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Regional training on identification',
        template: 'victim-centred',
        startsOn: '2026-03-02',
        endsOn: '2026-03-06',
      }),
    }),
  );
  for (let i = 0; i < PARTICIPANTS; i++)
    await json(
      await fetch(`${base}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          joinCode: w.joinCode,
          name: `Participant number ${i} Santos-Reyes`,
          country: ['PH', 'TH', 'VN', 'KH', 'ID'][i % 5],
          city: 'Cebu City',
          organisation: 'Inter-agency council against trafficking',
          role: 'Social welfare officer',
        }),
      }),
    );
  const f = await Facilitator.connect(base, w.id, w.facilitatorKey);
  await f.send('group.auto', { mode: 'random', size: PARTICIPANTS / GROUPS, mixCountries: true });
  for (const kind of KINDS)
    await f.send('exercise.launch', {
      title: `Day ${kind}`,
      kind,
      ...(kind === 'budget' && { budget: { envelope: 100_000, currency: 'USD', shares: {} } }),
    });
  f.socket.close();
  const backup = await json<WorkshopBackup>(
    await fetch(`${base}/api/workshops/${w.id}/export.json`, {
      headers: { authorization: `Bearer ${w.facilitatorKey}` },
    }),
  );
  backup.documents = backup.documents.map((d, i) => ({
    ...d,
    state: Buffer.from(heavyState(Buffer.from(d.state, 'base64'), i + 1)).toString('base64'),
  }));
  return backup;
}

/** Health answers while a request runs: the slowest, in ms (what everyone else waited). */
async function whileRunning(base: string, request: Promise<Response>) {
  let done = false;
  let slowest = 0;
  const health = (async () => {
    while (!done) {
      const t = performance.now();
      await fetch(`${base}/api/health`)
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
      slowest = Math.max(slowest, performance.now() - t);
    }
  })();
  const started = performance.now();
  // A refused upload may be cut off before the client has sent it all (EPIPE): a status too.
  const [status, body] = await request.then(
    async (res) => [res.status, await res.text()] as const,
    (error: { cause?: { code?: string } }) => [error.cause?.code ?? 'failed', ''] as const,
  );
  const ms = performance.now() - started;
  done = true;
  await health;
  return { status, ms: Math.round(ms), slowestHealthMs: Math.round(slowest), body };
}

async function main() {
  const build = resolveBuild((line) => console.error(line));
  const dataDir = await mkdtemp(join(tmpdir(), 'plenary-import-'));
  const server = await ServerProcess.start('plenary', {
    build,
    dataDir,
    env: { WORKSHOPS_PER_MINUTE: '1000' },
  });
  try {
    const backup = await buildBackup(server.url);
    const body = JSON.stringify(backup);
    console.error(`backup: ${body.length} bytes`);
    if (process.env.SAVE_BACKUP) {
      await writeFile(process.env.SAVE_BACKUP, body);
      if (process.env.ONLY_SAVE) return;
    }
    const docBytes = backup.documents.map((d) => Buffer.from(d.state, 'base64').length);
    // The same measurement with nothing imported: what the machine's load alone gives.
    await server.reset();
    const idle = await whileRunning(
      server.url,
      new Promise<Response>((r) => setTimeout(() => r(new Response('')), 5000)),
    );
    const idleLoop = (await server.stats()).loop;
    const control = {
      slowestHealthMs: idle.slowestHealthMs,
      loopP99: idleLoop.p99,
      loopMax: idleLoop.max,
    };
    console.error(JSON.stringify({ control }));
    const imports = [];
    for (let run = 0; run < 3; run++) {
      await server.reset();
      if (process.env.PROFILE && run === 0) await server.profileStart();
      const r = await whileRunning(
        server.url,
        fetch(`${server.url}/api/workshops/import`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      );
      if (process.env.PROFILE && run === 0) await server.profileStop(process.env.PROFILE);
      const loop = (await server.stats()).loop;
      imports.push({ ...r, body: r.body.slice(0, 200), loopP99: loop.p99, loopMax: loop.max });
      console.error(JSON.stringify(imports.at(-1)));
    }
    // Nested arrays as large as the backup, and the 18 MB of the issue.
    const nested = [];
    for (const bytes of [body.length, 18 * 1024 * 1024]) {
      const half = Math.floor(bytes / 2);
      await server.reset();
      const r = await whileRunning(
        server.url,
        fetch(`${server.url}/api/workshops/import`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '['.repeat(half) + ']'.repeat(half),
        }),
      );
      const loop = (await server.stats()).loop;
      nested.push({
        bytes,
        ...r,
        body: r.body.slice(0, 200),
        loopP99: loop.p99,
        loopMax: loop.max,
      });
    }
    console.log(
      JSON.stringify(
        {
          backup: {
            bytes: body.length,
            participants: backup.workshop.participants.length,
            documents: backup.documents.length,
            largestDocumentBytes: Math.max(...docBytes),
            documentBytes: docBytes.reduce((a, b) => a + b, 0),
          },
          control,
          imports,
          nested,
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    killAll();
    process.exitCode = 1;
    process.exit(1);
  },
);
