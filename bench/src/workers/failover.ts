// Failover (scenario 10): which participants a killed process dropped, and when each is back.
import { now } from '../clock.js';
import { everyone, expectedMarkers, markers, type Participant } from './participants.js';

interface Watch {
  /** Document closes before the kill: more later means its connection dropped. */
  closes: number;
  socketDropped: boolean;
  welcomedAt: number | null;
  docSyncedAt: number | null;
}

const watches = new Map<Participant, Watch>();

/** Starts watching every participant's connections: call before the kill. */
export async function armFailover(): Promise<void> {
  watches.clear();
  for (const p of everyone()) {
    const watch: Watch = {
      closes: p.doc?.closes.length ?? 0,
      socketDropped: false,
      welcomedAt: null,
      docSyncedAt: null,
    };
    watches.set(p, watch);
    p.socket.on('disconnect', () => (watch.socketDropped = true));
    p.socket.on('welcome', () => {
      if (watch.socketDropped && watch.welcomedAt === null) watch.welcomedAt = now();
    });
    p.doc?.onSync(() => {
      if (watches.get(p) === watch && dropped(p, watch).doc && watch.docSyncedAt === null)
        watch.docSyncedAt = now();
    });
  }
}

const dropped = (p: Participant, w: Watch) => ({
  socket: w.socketDropped,
  doc: (p.doc?.closes.length ?? 0) > w.closes,
});

export interface Failover {
  /** Per participant who lost a connection: kill to both connections usable again (NaN: not). */
  times: number[];
  /** Participants whose connections all stayed (on the surviving process). */
  stayed: number;
  /** Acknowledged votes missing from a returning participant's screen. */
  lostVotes: number;
  /** Edits of the group missing from a returning participant's document. */
  lostEdits: number;
}

/**
 * Waits (at most `timeoutMs` after the kill, at `killedAt`) until every participant who lost a
 * connection has it back: welcomed again if socket.io dropped, synced again if the document
 * dropped; `graceMs` after the kill is when the drops are taken as known.
 */
export async function failedOver(args: {
  pollId: string;
  /** Participants whose vote was acknowledged, and when. */
  acked: Array<[index: number, ackAt: number]>;
  killedAt: number;
  graceMs: number;
  timeoutMs: number;
}): Promise<Failover> {
  const back = (p: Participant, w: Watch) => {
    const d = dropped(p, w);
    return (
      (!d.socket || (w.welcomedAt !== null && p.socket.connected)) &&
      (!d.doc || (w.docSyncedAt !== null && Boolean(p.doc?.synced())))
    );
  };
  const all = () => [...watches].every(([p, w]) => back(p, w));
  while (now() < args.killedAt + args.graceMs || (!all() && now() < args.killedAt + args.timeoutMs))
    await new Promise((r) => setTimeout(r, 25));
  const acked = new Map(args.acked);
  const expected = expectedMarkers();
  const result: Failover = { times: [], stayed: 0, lostVotes: 0, lostEdits: 0 };
  for (const [p, w] of watches) {
    const d = dropped(p, w);
    if (!d.socket && !d.doc) {
      result.stayed++;
      continue;
    }
    if (!back(p, w)) {
      result.times.push(NaN);
      continue;
    }
    result.times.push(Math.max(w.welcomedAt ?? 0, w.docSyncedAt ?? 0) - args.killedAt);
    // A vote acknowledged before the new welcome must be on it (one after it came later).
    const ackAt = acked.get(p.index);
    if (
      d.socket &&
      ackAt !== undefined &&
      ackAt < w.welcomedAt! &&
      !p.welcome?.myAnswers[args.pollId]
    )
      result.lostVotes++;
    if (p.doc && p.group) {
      const have = markers(p.doc.doc);
      for (const m of expected.get(p.group) ?? []) if (!have.has(m)) result.lostEdits++;
    }
  }
  return result;
}
