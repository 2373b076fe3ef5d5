import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CommandInputs, authenticatedSocket } from '@plenary/shared';
import { itemsOf } from '@plenary/shared/docs';
import {
  connect,
  createWorkshop,
  join,
  send,
  startServer,
  type Live,
  type Running,
} from '../integration/harness.js';
import { openDoc, synced } from '../integration/docs-harness.js';

let running: Running;
beforeEach(async () => {
  // Generous limits: this test is about malformed input, not floods.
  running = await startServer(undefined, undefined, {
    rateLimits: { eventsPerSecond: 100_000, strikesBeforeDisconnect: 100_000 },
  });
});
afterEach(async () => {
  await running.close();
});

const nasty = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 3 }),
  fc.constant({ __proto__: { polluted: true }, cmdId: 'abcdefgh1' }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "cmdId": "abcdefgh2", "title": "x"}')),
  fc.constant({ cmdId: 'abcdefgh3', constructor: { prototype: { polluted: true } } }),
  fc.record({
    cmdId: fc.string(),
    title: fc.string({ maxLength: 5000 }),
    pollId: fc.string(),
    answer: fc.anything(),
  }),
  fc.string({ maxLength: 20_000 }),
);

describe('malformed input', () => {
  it('never crashes the server, pollutes no prototype, and leaves other workshops alone', async () => {
    const target = await createWorkshop(running.url, { template: 'victim-centred' });
    const other = await createWorkshop(running.url, { template: 'victim-centred' });
    const p = await join(running.url, target.joinCode);
    const attacker = await connect(running.url, target.id, { kind: 'participant', token: p.token });
    const bystander = await connect(running.url, other.id, {
      kind: 'facilitator',
      key: other.facilitatorKey,
    });
    const before = (await running.server.workshops.get(other.id))!.workshop;
    const names = [...Object.keys(CommandInputs), 'clock.sync', 'no.such.event'];
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), nasty, async (name, payload) => {
        if (!attacker.socket.connected) return;
        sent++;
        const raw = attacker.socket as unknown as {
          timeout: (ms: number) => { emitWithAck: (n: string, p: unknown) => Promise<unknown> };
        };
        await raw
          .timeout(300)
          .emitWithAck(name, payload)
          .catch(() => undefined);
      }),
      { numRuns: 1500, seed: 20261123 },
    );
    expect(sent).toBeGreaterThan(1000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // The other workshop is untouched and its facilitator still works.
    expect((await running.server.workshops.get(other.id))!.workshop.modules).toEqual(
      before.modules,
    );
    expect(await send(bystander, 'activity.step', { direction: 'next' })).toEqual({ ok: true });
    const health = await fetch(`${running.url}/api/health`);
    expect(health.status).toBe(200);
    for (const l of [attacker, bystander] as Live[]) l.socket.close();
  }, 90_000);

  it('closes only the sender of random or truncated Yjs frames, and the document is unchanged', async () => {
    const w = await createWorkshop(running.url);
    const people = await Promise.all([
      join(running.url, w.joinCode),
      join(running.url, w.joinCode),
    ]);
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    const g = await send(facilitator, 'group.create', { name: 'Fuzzers' });
    const groupId = g.ok ? g.groupId : '';
    for (const person of people)
      await send(facilitator, 'group.assign', { participantId: person.participantId, groupId });
    await send(facilitator, 'exercise.launch', {
      title: 'Checklist',
      kind: 'checklist',
      template: 'first-contact-referral',
    });
    const artifactId =
      facilitator.session().artifacts[0]?.id ??
      (await new Promise<string>((r) =>
        setTimeout(() => r(facilitator.session().artifacts[0]!.id), 200),
      ));
    const honest = openDoc(running.url, w.id, artifactId, {
      kind: 'participant',
      token: people[0]!.token,
    });
    await synced(honest);
    const reference = JSON.stringify(itemsOf(honest.doc).toJSON());
    // A valid update, to truncate.
    const sample = new Y.Doc();
    itemsOf(sample).push([new Y.Map()]);
    const valid = Y.encodeStateAsUpdate(sample);
    const url = `${running.url.replace('http', 'ws')}/yjs/${w.id}/${artifactId}`;
    const Authenticated = authenticatedSocket(WebSocket, {
      kind: 'participant',
      token: people[1]!.token,
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc
            .integer({ min: 1, max: valid.length - 1 })
            .map((n) => Uint8Array.from([0, 2, ...varuint(valid.length), ...valid.subarray(0, n)])),
          fc.uint8Array({ maxLength: 100 }).map((b) => Uint8Array.from([1, ...b])),
          fc.uint8Array({ maxLength: 100 }).map((b) => Uint8Array.from([0, 2, ...b])),
        ),
        async (frame) => {
          // Every other run, the frame comes first, in place of the credential.
          const ws = run++ % 2 === 0 ? new Authenticated(url) : new WebSocket(url);
          await new Promise<void>((resolve) => {
            ws.on('open', () => ws.send(frame));
            ws.on('close', () => resolve());
            ws.on('error', () => resolve());
            setTimeout(() => {
              ws.close();
              resolve();
            }, 150);
          });
        },
      ),
      { numRuns: 150, seed: 7 },
    );
    // The honest editor is still connected and the document is as it was.
    expect(honest.provider.wsconnected).toBe(true);
    const check = openDoc(running.url, w.id, artifactId, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    await synced(check);
    expect(JSON.stringify(itemsOf(check.doc).toJSON())).toBe(reference);
    honest.destroy();
    check.destroy();
    facilitator.socket.close();
  }, 60_000);
});

function varuint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
