import { afterEach, describe, expect, it } from 'vitest';
import { MemoryDocStore } from '@plenary/server';
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
import { openRawDoc } from './docs-harness.js';

/** A document store that takes its time to load, like a slow disk. */
class SlowDocStore extends MemoryDocStore {
  override async load(name: string) {
    await new Promise((r) => setTimeout(r, 300));
    return super.load(name);
  }
}

let running: Running | undefined;
const lives: Live[] = [];
afterEach(async () => {
  for (const l of lives.splice(0)) l.socket.close();
  await running?.close();
});

describe('idle documents', () => {
  it('unload even when the only client left while the document was still loading', async () => {
    running = await startServer(undefined, undefined, {
      docStore: new SlowDocStore(),
      docLimits: { idleUnloadMs: 200 },
    });
    const w = await createWorkshop(running.url, { template: 'blank' });
    const p = await join(running.url, w.joinCode, 'Invented Noy', 'LA');
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    lives.push(facilitator);
    await send(facilitator, 'group.auto', { mode: 'random', size: 3 });
    await send(facilitator, 'exercise.launch', { title: 'Plan', kind: 'action-plan' });
    await eventually(() => expect(facilitator.session().artifacts).toHaveLength(1));
    const artifactId = facilitator.session().artifacts[0]!.id;

    // A Wi-Fi drop right after connecting: the socket closes before the document is loaded.
    const ws = await openRawDoc(running.url, w.id, artifactId, {
      kind: 'participant',
      token: p.token,
    });
    await eventually(() => expect(running!.server.docs.loaded).toBe(1), 1000);
    ws.terminate();
    await eventually(() => expect(running!.server.docs.loaded).toBe(0), 2000);
  });
});
