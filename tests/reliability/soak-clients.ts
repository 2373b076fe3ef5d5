/**
 * The soak test's load, in its own process so that the server's heap is measured alone:
 * participants on socket.io and on their group's document, presence at 10 Hz, an edit every
 * few seconds, a vote now and then, and Wi-Fi drops (disconnect, come back) all along.
 * Reads its setup as JSON on stdin; prints a JSON summary on stdout when done.
 */
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { PROTOCOL_VERSION, authenticatedSocket } from '@plenary/shared';
import { itemsOf } from '@plenary/shared/docs';

interface Setup {
  url: string;
  workshopId: string;
  pollId: string;
  optionIds: string[];
  durationMs: number;
  people: Array<{ token: string; artifactId: string }>;
}

const input = await new Promise<string>((resolve) => {
  let data = '';
  process.stdin.on('data', (d: Buffer) => (data += d.toString()));
  process.stdin.on('end', () => resolve(data));
});
const setup = JSON.parse(input) as Setup;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
const stats = {
  edits: 0,
  votes: 0,
  voteErrors: 0,
  voteRetries: 0,
  drops: 0,
  presence: 0,
  errors: [] as string[],
};
const end = Date.now() + setup.durationMs;

async function person(p: Setup['people'][number], i: number): Promise<Y.Doc> {
  const socket = io(setup.url, {
    transports: ['websocket'],
    reconnectionDelay: 100,
    reconnectionDelayMax: 1000,
    auth: {
      protocol: PROTOCOL_VERSION,
      workshopId: setup.workshopId,
      credential: { kind: 'participant', token: p.token },
    },
  });
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${setup.url.replace('http', 'ws')}/yjs`,
    `${setup.workshopId}/${p.artifactId}`,
    doc,
    {
      WebSocketPolyfill: authenticatedSocket(WebSocket, {
        kind: 'participant',
        token: p.token,
      }) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 1000,
    },
  );
  await sleep(Math.random() * 1000);
  let n = 0;
  while (Date.now() < end) {
    await sleep(100);
    n++;
    // Presence at 10 Hz: which item this person is looking at.
    const items = itemsOf(doc);
    provider.awareness.setLocalStateField('editing', items.length ? `item-${n % 7}` : null);
    stats.presence++;
    if (n % 50 === i % 50 && items.length > 0) {
      const item = pick(items.toArray());
      doc.transact(() => {
        item.set('checked', !item.get('checked'));
        item.set('notes', `Note ${n} by ${i}`);
      });
      stats.edits++;
    }
    if (n % 300 === (i * 7) % 300) {
      // As the browser's outbox does: the same command id until it is acknowledged.
      const command = {
        cmdId: `soak-${i}-${n}-${Date.now()}`,
        pollId: setup.pollId,
        answer: { kind: 'single', optionId: pick(setup.optionIds) },
      };
      for (let attempt = 0; attempt < 5; attempt++) {
        const ack = (await socket
          .timeout(5000)
          .emitWithAck('vote.cast' as never, command as never)
          .catch(() => null)) as { ok: boolean } | null;
        if (!ack) {
          stats.voteRetries++;
          continue;
        }
        if (ack.ok) stats.votes++;
        else {
          stats.voteErrors++;
          stats.errors.push(JSON.stringify(ack));
        }
        break;
      }
    }
    // A Wi-Fi drop for one person in a hundred every ~10 s: gone for 2 s, then back.
    if (Math.random() < 0.001) {
      stats.drops++;
      socket.disconnect();
      provider.disconnect();
      await sleep(2000);
      socket.connect();
      provider.connect();
    }
  }
  socket.close();
  provider.destroy();
  return doc;
}

const docs = await Promise.all(setup.people.map((p, i) => person(p, i)));
for (const d of docs) d.destroy();
process.stdout.write(`${JSON.stringify(stats)}\n`);
process.exit(0);
