import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { itemsOf, newItem } from '@plenary/shared/docs';
import {
  PROTOCOL_VERSION,
  decodeWelcome,
  RECONNECTION,
  type Ack,
  type ClientToServer,
  type Joined,
  type ServerToClient,
  type Welcome,
} from '@plenary/shared';
import { now, until } from '../clock.js';
import { Histogram, type HistogramData } from '../histogram.js';
import { openDoc, whenSynced, type DocConn } from './doc-conn.js';

type Client = Socket<ServerToClient, ClientToServer>;

/** One simulated participant: a socket.io connection like the browser's, maybe a document. */
export interface Participant {
  index: number;
  /** The server process its socket.io connection goes to (scenario 9 has two). */
  base: string;
  participantId: string;
  token: string;
  socket: Client;
  welcomes: number;
  welcome: Welcome | null;
  tallies: Array<{ t: number; voters: number }>;
  doc: DocConn | null;
  group: string | null;
  /** Reconnect storm: when the connection dropped and when each part was back. */
  droppedAt: number | null;
  welcomedAt: number | null;
  docSyncedAt: number | null;
}

const people = new Map<number, Participant>();
/** This worker's participants (failover.ts reads them). */
export const everyone = (): Iterable<Participant> => people.values();
let tracking: string | null = null;
let cmdSeq = 0;
const cmdId = () =>
  `b${process.pid.toString(36)}x${(++cmdSeq).toString(36)}x${Date.now().toString(36)}`;

/** `browser`: long-polling first, then the upgrade (socket.io's default); `websocket`: as our web client. */
export type Transport = 'browser' | 'websocket';

function connectSocket(base: string, auth: Record<string, unknown>, transport: Transport): Client {
  return io(base, {
    auth,
    ...RECONNECTION,
    ...(transport === 'websocket' && { transports: ['websocket'] }),
  });
}

function attach(p: Participant) {
  p.socket.on('welcome', (wire) => {
    p.welcomes++;
    p.welcome = decodeWelcome(wire);
    if (p.droppedAt !== null && p.welcomedAt === null) p.welcomedAt = now();
  });
  p.socket.on('poll.results', (r) => {
    if (r.pollId === tracking) p.tallies.push({ t: now(), voters: r.voters });
  });
  p.socket.on('disconnect', () => {
    if (p.droppedAt === null) p.droppedAt = now();
  });
}

/**
 * Resolves on the first welcome. A refusal by the server fails; a transport error does not: the
 * client retries by itself, as the browser's does.
 */
const firstWelcome = (p: Participant) =>
  new Promise<void>((resolve, reject) => {
    if (p.welcome) return resolve();
    const timer = setTimeout(() => reject(new Error('no welcome within 120 s')), 120_000);
    p.socket.once('welcome', () => {
      clearTimeout(timer);
      resolve();
    });
    p.socket.on('connect_error', (e: Error & { data?: unknown }) => {
      if (e.data === undefined) return;
      clearTimeout(timer);
      reject(e);
    });
  });

/**
 * POSTs JSON; a connection that could not be made, or a pooled keep-alive connection the
 * server had just closed (ECONNRESET, or undici's 'other side closed' before any answer), is
 * tried again twice, after 1 and 2 s, as a person taps Join again.
 */
async function post(url: string, body: unknown): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
      if (attempt >= 2 || !/CONNECT|ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET/.test(code)) throw error;
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }
}

export interface JoinArgs {
  base: string;
  joinCode: string;
  workshopId: string;
  /** Who joins, and when (absolute time from `now()`). */
  plan: Array<{ index: number; at: number }>;
  transport: Transport;
}

export interface JoinTiming {
  index: number;
  participantId: string;
  token: string;
  /** Scheduled start, REST answer, first welcome (absolute ms). */
  at: number;
  joinedAt: number;
  welcomedAt: number;
  error?: string;
}

/** Joins by REST (`POST /api/join`), then connects and waits for the welcome, on schedule. */
export async function join(args: JoinArgs): Promise<JoinTiming[]> {
  return Promise.all(
    args.plan.map(async ({ index, at }) => {
      await until(at);
      const started = now();
      try {
        const res = await post(`${args.base}/api/join`, {
          joinCode: args.joinCode,
          name: `Bench participant ${index}`,
          country: ['PH', 'KH', 'TH', 'VN', 'ID', 'MY'][index % 6],
          city: 'Bench city',
          organisation: 'Benchmark NGO',
        });
        const body = (await res.json()) as Joined;
        if (res.status !== 201) throw new Error(`join ${res.status}: ${JSON.stringify(body)}`);
        const joinedAt = now();
        const socket = connectSocket(
          args.base,
          {
            protocol: PROTOCOL_VERSION,
            workshopId: args.workshopId,
            credential: { kind: 'participant', token: body.token },
          },
          args.transport,
        );
        const p: Participant = {
          index,
          base: args.base,
          participantId: body.participantId,
          token: body.token,
          socket,
          welcomes: 0,
          welcome: null,
          tallies: [],
          doc: null,
          group: null,
          droppedAt: null,
          welcomedAt: null,
          docSyncedAt: null,
        };
        people.set(index, p);
        attach(p);
        await firstWelcome(p);
        return {
          index,
          participantId: p.participantId,
          token: p.token,
          at: started,
          joinedAt,
          welcomedAt: now(),
        };
      } catch (error) {
        return {
          index,
          participantId: '',
          token: '',
          at: started,
          joinedAt: NaN,
          welcomedAt: NaN,
          error: `${String(error)} ${String((error as { cause?: unknown }).cause ?? '')}`,
        };
      }
    }),
  );
}

/** Connects anonymous voters to the naive baseline server (no join, no auth). */
export async function connectNaive(args: {
  base: string;
  indices: number[];
  transport: Transport;
}): Promise<number> {
  await Promise.all(
    args.indices.map((index) => {
      const socket = connectSocket(args.base, { voter: `v${index}` }, args.transport);
      const p: Participant = {
        index,
        base: args.base,
        participantId: `v${index}`,
        token: '',
        socket,
        welcomes: 0,
        welcome: null,
        tallies: [],
        doc: null,
        group: null,
        droppedAt: null,
        welcomedAt: null,
        docSyncedAt: null,
      };
      people.set(index, p);
      attach(p);
      // Transport errors are retried by the client itself.
      return new Promise<void>((r, fail) => {
        const timer = setTimeout(() => fail(new Error('not connected within 60 s')), 60_000);
        socket.once('connect', () => {
          clearTimeout(timer);
          r();
        });
      });
    }),
  );
  return args.indices.length;
}

/** Records the tallies every participant of this worker receives for one poll from now on. */
export async function track(args: { pollId: string }): Promise<void> {
  tracking = args.pollId;
  for (const p of people.values()) p.tallies = [];
}

export interface VoteRecord {
  index: number;
  /** The server process the vote was cast through. */
  base: string;
  stamp: number;
  ackAt: number;
  ok: boolean;
  /** How many ballots the poll held with this vote (from its ack): the first tally with that
   *  many voters counts it. */
  ballots?: number;
  code?: string;
  bytes: number;
}

/** Each participant in the plan votes once at its time; resolves when every ack is in. */
export async function vote(args: {
  pollId: string;
  plan: Array<{ index: number; at: number; optionId: string }>;
  /** How long a vote waits for its ack (one sent to a process that dies gets none). */
  timeoutMs?: number;
}): Promise<VoteRecord[]> {
  return Promise.all(
    args.plan.map(async ({ index, at, optionId }) => {
      const p = people.get(index);
      if (!p) throw new Error(`no participant ${index} in this worker`);
      await until(at);
      const payload = {
        cmdId: cmdId(),
        pollId: args.pollId,
        answer: { kind: 'single' as const, optionId },
      };
      const stamp = now();
      const ack = (await p.socket
        .timeout(args.timeoutMs ?? 30_000)
        .emitWithAck('vote.cast', payload)
        .catch((e: unknown) => ({ ok: false, code: String(e) }))) as
        Ack<{ ballots?: number }> | { ok: false; code: string };
      return {
        index,
        base: p.base,
        stamp,
        ackAt: now(),
        ok: ack.ok,
        ...(ack.ok ? { ballots: ack.ballots } : { code: ack.code }),
        bytes: JSON.stringify(payload).length,
      };
    }),
  );
}

/**
 * Vote-to-tally latency over every (vote, participant) pair: a vote that made its poll hold
 * `ballots[k]` ballots (its ack says so) is in every tally with at least that many `voters`;
 * the latency at a participant is the arrival of its first such tally minus the vote's client
 * stamp. With `origins` (the server each vote went through), the pairs are also split by
 * whether the participant is connected to that same server process or to another one.
 */
export async function tallyLatency(args: {
  stamps: number[];
  ballots: number[];
  origins?: string[];
}): Promise<{
  histogram: HistogramData;
  missing: number;
  early: number;
  same: HistogramData;
  other: HistogramData;
}> {
  const h = new Histogram();
  const same = new Histogram();
  const other = new Histogram();
  let missing = 0;
  let early = 0;
  const order = args.stamps.map((_, k) => k).sort((a, b) => args.ballots[a]! - args.ballots[b]!);
  for (const p of people.values()) {
    let i = 0;
    for (const [n, k] of order.entries()) {
      while (i < p.tallies.length && p.tallies[i]!.voters < args.ballots[k]!) i++;
      if (i >= p.tallies.length) {
        missing += order.length - n;
        break;
      }
      const latency = p.tallies[i]!.t - args.stamps[k]!;
      if (latency < 0) early++;
      h.record(latency);
      const origin = args.origins?.[k];
      if (origin !== undefined) (origin === p.base ? same : other).record(latency);
    }
  }
  return {
    histogram: h.toJSON(),
    missing,
    early,
    same: same.toJSON(),
    other: other.toJSON(),
  };
}

export async function disconnectAll(): Promise<void> {
  for (const p of people.values()) {
    p.doc?.destroy();
    p.socket.disconnect();
  }
  people.clear();
  tracking = null;
}

/** Opens each participant's group document (reconnect storm, memory). */
export async function openDocs(args: {
  base: string;
  docs: Array<{ index: number; room: string }>;
}): Promise<number> {
  await Promise.all(
    args.docs.map(async ({ index, room }) => {
      const p = people.get(index);
      if (!p) throw new Error(`no participant ${index} in this worker`);
      p.group = room;
      p.doc = openDoc({ target: 'plenary', base: args.base, room, token: p.token });
      p.doc.onSync(() => {
        if (p.droppedAt !== null && p.docSyncedAt === null) p.docSyncedAt = now();
      });
      await whenSynced(p.doc);
      p.doc.awareness.setLocalStateField('editing', null);
    }),
  );
  return args.docs.length;
}

const marker = (p: Participant) => `mark-${p.participantId}`;
export const markers = (doc: Y.Doc) => new Set(itemsOf(doc).map((m) => String(m.get('id'))));

/** Every participant with a document adds one item; resolves when all its group has them. */
export async function markEdits(): Promise<{ edits: number; bytes: number }> {
  let bytes = 0;
  for (const p of people.values()) {
    if (!p.doc) continue;
    const doc = p.doc.doc;
    const count = (u: Uint8Array) => (bytes += u.length);
    doc.on('update', count);
    itemsOf(doc).push([newItem({ id: marker(p), text: `Added by ${p.participantId}` })]);
    doc.off('update', count);
  }
  const expected = expectedMarkers();
  const deadline = now() + 30_000;
  for (const p of people.values()) {
    if (!p.doc || !p.group) continue;
    const doc = p.doc.doc;
    const mine = Y.getState(doc.store, doc.clientID);
    // Seen by the group, and reported stored by the server.
    while (
      ![...expected.get(p.group)!].every((m) => markers(doc).has(m)) ||
      (p.doc.saved.get(doc.clientID) ?? 0) < mine
    ) {
      if (now() > deadline) throw new Error('edits were not shared and stored within 30 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return { edits: [...people.values()].filter((p) => p.doc).length, bytes };
}

export function expectedMarkers(): Map<string, Set<string>> {
  const byGroup = new Map<string, Set<string>>();
  for (const p of people.values()) {
    if (!p.doc || !p.group) continue;
    const set = byGroup.get(p.group) ?? new Set<string>();
    set.add(marker(p));
    byGroup.set(p.group, set);
  }
  return byGroup;
}

/** Forgets earlier drops: the next disconnect starts each participant's recovery clock. */
export async function arm(): Promise<void> {
  for (const p of people.values()) {
    p.droppedAt = null;
    p.welcomedAt = null;
    p.docSyncedAt = null;
  }
}

export interface Recovery {
  /** Drop to a usable, consistent screen, per participant (ms); NaN if not within the time. */
  times: number[];
  /** The two parts: drop to the socket.io welcome, and drop to the document synced again. */
  welcomeTimes: number[];
  docTimes: number[];
  notDropped: number;
  /** Participants whose welcome after the restart lacked their vote. */
  lostVotes: number;
  /** Group edits missing from a participant's document after it synced again. */
  lostEdits: number;
}

/**
 * Waits until every participant is welcomed again (with its vote in `myAnswers`) and its
 * document synced again (with every edit of its group), or until the deadline.
 */
export async function recovered(args: { pollId: string; timeoutMs: number }): Promise<Recovery> {
  const expected = expectedMarkers();
  const deadline = now() + args.timeoutMs;
  const done = (p: Participant) =>
    p.droppedAt !== null &&
    p.welcomedAt !== null &&
    p.socket.connected &&
    (!p.doc || p.docSyncedAt !== null);
  while (now() < deadline && ![...people.values()].every(done))
    await new Promise((r) => setTimeout(r, 25));
  const result: Recovery = {
    times: [],
    welcomeTimes: [],
    docTimes: [],
    notDropped: 0,
    lostVotes: 0,
    lostEdits: 0,
  };
  for (const p of people.values()) {
    if (p.droppedAt === null) {
      result.notDropped++;
      continue;
    }
    if (p.welcomedAt !== null && !p.welcome?.myAnswers[args.pollId]) result.lostVotes++;
    if (p.doc && p.group) {
      const have = markers(p.doc.doc);
      for (const m of expected.get(p.group) ?? []) if (!have.has(m)) result.lostEdits++;
    }
    result.times.push(done(p) ? Math.max(p.welcomedAt!, p.docSyncedAt ?? 0) - p.droppedAt : NaN);
    if (p.welcomedAt !== null) result.welcomeTimes.push(p.welcomedAt - p.droppedAt);
    if (p.docSyncedAt !== null) result.docTimes.push(p.docSyncedAt - p.droppedAt);
  }
  return result;
}

/** Checks with fresh documents that the server itself holds every group's edits. */
export async function verifyServerDocs(args: {
  base: string;
}): Promise<{ checked: number; lost: number }> {
  const expected = expectedMarkers();
  let lost = 0;
  let checked = 0;
  for (const [room, wanted] of expected) {
    const p = [...people.values()].find((x) => x.group === room)!;
    const fresh = openDoc({ target: 'plenary', base: args.base, room, token: p.token });
    await whenSynced(fresh);
    const have = markers(fresh.doc);
    for (const m of wanted) if (!have.has(m)) lost++;
    checked++;
    fresh.destroy();
  }
  return { checked, lost };
}
