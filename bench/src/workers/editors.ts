import * as Y from 'yjs';
import {
  actorsOf,
  addActor,
  addLink,
  itemsOf,
  linksOf,
  setTicked,
  sharedText,
  writeField,
} from '@plenary/shared/docs';
import { now, sleep } from '../clock.js';
import { Histogram, type HistogramData } from '../histogram.js';
import { openDoc, whenSynced, type DocConn, type DocTarget } from './doc-conn.js';

export type DocKind = 'checklist' | 'map';

export interface DocSpec {
  target: DocTarget;
  base: string;
  room: string;
  kind: DocKind;
  /**
   * One entry per editor: ours needs each participant's token; `base` sends an editor to
   * another server process than the document's `base` (scenario 9, two processes).
   */
  editors: Array<{ name: string; token?: string; base?: string }>;
}

interface Edit {
  /** The editor's clock after the edit: a peer has applied it once its state reaches this. */
  end: number;
  stamp: number;
  seen: number;
}

interface Editor {
  name: string;
  conn: DocConn;
  timer: NodeJS.Timeout | null;
  /** The word this person is typing, one character per keystroke, and where their caret is. */
  typing: { text: Y.Text; caret: Y.RelativePosition; word: string; typed: number } | null;
}

/** One document with all its editors in this process, so that each edit's last peer is known. */
interface OpenDoc {
  spec: DocSpec;
  editors: Editor[];
  pending: Map<number, Edit[]>;
}

const open: OpenDoc[] = [];
let latency = new Histogram();
let sent = 0;
let completed = 0;
let bytes = 0;

/** Opens every editor's connection, waits for all to sync; map editors place their actor. */
export async function openDocs(args: { docs: DocSpec[] }): Promise<number> {
  for (const spec of args.docs) {
    const d: OpenDoc = { spec, editors: [], pending: new Map() };
    for (const e of spec.editors) {
      const conn = openDoc({
        target: spec.target,
        base: e.base ?? spec.base,
        room: spec.room,
        token: e.token,
      });
      d.editors.push({ name: e.name, conn, timer: null, typing: null });
      conn.doc.on('afterTransaction', (tr: Y.Transaction) => {
        if (!tr.local) observed(d, tr);
      });
      conn.doc.on('update', (u: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) => {
        if (tr.local) bytes += u.length;
      });
    }
    open.push(d);
  }
  await Promise.all(open.flatMap((d) => d.editors.map((e) => whenSynced(e.conn))));
  for (const d of open) {
    for (const [i, e] of d.editors.entries()) {
      e.conn.awareness.setLocalStateField('editing', null);
      if (d.spec.kind === 'map')
        addActor(e.conn.doc, {
          id: actorId(e),
          name: e.name,
          sector: 'ngo',
          contact: '',
          x: 100 + (i % 10) * 80,
          y: 100 + Math.floor(i / 10) * 80,
        });
    }
  }
  // Setup edits are not measured: let them settle.
  await sleep(500);
  for (const d of open) d.pending.clear();
  bytes = 0;
  return open.length;
}

const actorId = (e: Editor) => `actor-${e.name.replace(/\W+/g, '-')}`;

/** A remote transaction moved some clients' clocks: count the edits it covers as seen. */
function observed(d: OpenDoc, tr: Y.Transaction) {
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const edits = d.pending.get(client);
    if (!edits) continue;
    for (let i = 0; i < edits.length; i++) {
      const edit = edits[i]!;
      if (edit.end <= before || edit.end > after) continue;
      if (++edit.seen >= d.editors.length - 1) {
        latency.record(now() - edit.stamp);
        completed++;
        edits.splice(i--, 1);
      }
    }
  }
}

const words = 'victim referral shelter interpreter consent police labour inspector hotline'.split(
  ' ',
);
const word = () => `${words[Math.floor(Math.random() * words.length)]} `;

/**
 * One keystroke as the app sends it (CollabInput applies the smallest edit per input event):
 * the next character of the word this person is typing, at their caret, which stays on its
 * character however much the others type before it. A word is started in the field `field()`
 * picks, at a random place; before it, a long field loses its first word, as someone tidying
 * it would (one edit: a selection deleted).
 */
function keystroke(e: Editor, field: () => { m: Y.Map<unknown>; key: string } | undefined) {
  const doc = e.conn.doc;
  let typing = e.typing;
  const at = typing && Y.createAbsolutePositionFromRelativePosition(typing.caret, doc);
  if (!typing || !at || at.type !== typing.text || typing.typed >= typing.word.length) {
    e.typing = null;
    const f = field();
    const t = f && sharedText(f.m, f.key);
    if (!f) return;
    if (!t) return writeField(f.m, f.key, word());
    if (t.length > 160) return t.delete(0, t.toString().indexOf(' ') + 1 || 1);
    const index = Math.floor(Math.random() * (t.length + 1));
    typing = e.typing = {
      text: t,
      caret: Y.createRelativePositionFromTypeIndex(t, index),
      word: word(),
      typed: 0,
    };
  }
  const index = Y.createAbsolutePositionFromRelativePosition(typing.caret, doc)!.index;
  typing.text.insert(index, typing.word[typing.typed++]!);
  typing.caret = Y.createRelativePositionFromTypeIndex(typing.text, index + 1);
}

const midWord = (e: Editor) => !!e.typing && e.typing.typed < e.typing.word.length;

/**
 * One edit as a person makes it in the app: tick, or start typing a word in an indicator's notes
 * (or, less often, its wording) on a checklist; move, start typing a word in the name, or link on
 * a map. A word is typed to its end, one keystroke an edit.
 */
function edit(d: OpenDoc, e: Editor) {
  const doc = e.conn.doc;
  // Someone in the middle of a word types the rest of it before doing anything else.
  if (midWord(e)) return doc.transact(() => keystroke(e, () => undefined));
  const r = Math.random();
  if (d.spec.kind === 'checklist') {
    const items = itemsOf(doc);
    const item = () => items.get(Math.floor(Math.random() * items.length));
    if (r < 0.5) {
      const it = item();
      if (!it) return;
      setTicked(it, it.get('checked') !== true, e.name);
    } else
      doc.transact(() =>
        keystroke(e, () => {
          const it = item();
          return it && { m: it, key: Math.random() < 0.8 ? 'notes' : 'text' };
        }),
      );
    return;
  }
  const mine = actorsOf(doc).get(actorId(e));
  if (!mine) return;
  if (r < 0.7) {
    doc.transact(() => {
      mine.set('x', Math.round(Math.random() * 1200));
      mine.set('y', Math.round(Math.random() * 800));
    });
  } else if (r < 0.85) {
    doc.transact(() => keystroke(e, () => ({ m: mine, key: 'name' })));
  } else {
    const own = [...linksOf(doc)].filter(([, m]) => m.get('from') === actorId(e));
    if (own.length >= 3) linksOf(doc).delete(own[0]![0]);
    else {
      const others = [...actorsOf(doc).keys()].filter((id) => id !== actorId(e));
      const to = others[Math.floor(Math.random() * others.length)];
      if (to)
        addLink(doc, {
          id: `link-${Math.random().toString(36).slice(2, 10)}`,
          from: actorId(e),
          to,
          kind: 'refers',
          label: '',
          consent: true,
          data: '',
          pathway: 'both',
        });
    }
  }
}

/** Every editor edits once a second, each at its own phase, for `durationMs`; then the figures. */
export async function run(args: { startAt: number; durationMs: number }): Promise<{
  histogram: HistogramData;
  sent: number;
  completed: number;
  bytes: number;
  closes: string[];
}> {
  latency = new Histogram();
  sent = 0;
  completed = 0;
  for (const d of open) {
    for (const e of d.editors) {
      const phase = Math.random() * 1000;
      let k = 0;
      const tick = () => {
        const stamp = now();
        if (stamp >= args.startAt + args.durationMs) return;
        const client = e.conn.doc.clientID;
        const before = Y.getState(e.conn.doc.store, client);
        edit(d, e);
        const end = Y.getState(e.conn.doc.store, client);
        if (end > before) {
          const list = d.pending.get(client) ?? [];
          list.push({ end, stamp, seen: 0 });
          d.pending.set(client, list);
          sent++;
        }
        k++;
        e.timer = setTimeout(tick, args.startAt + phase + k * 1000 - now());
      };
      e.timer = setTimeout(tick, args.startAt + phase - now());
    }
  }
  await sleep(args.startAt + args.durationMs - now());
  // Let the last edits arrive (at most 5 s).
  const drainUntil = now() + 5000;
  while (completed < sent && now() < drainUntil) await sleep(20);
  const closes = open.flatMap((d) => d.editors.flatMap((e) => e.conn.closes.splice(0)));
  return { histogram: latency.toJSON(), sent, completed, bytes, closes };
}

/**
 * Every editor does `count` things as fast as the connection takes them (to build a typical
 * document for the memory figures): a tick, a move, a link, or a whole word, typed one
 * keystroke a transaction. Resolves with each document's encoded size once settled.
 */
export async function burst(args: { count: number }): Promise<number[]> {
  for (let k = 0; k < args.count; k++) {
    for (const d of open)
      for (const e of d.editors)
        do edit(d, e);
        while (midWord(e));
    await sleep(5);
  }
  await sleep(1000);
  return open.map((d) => Y.encodeStateAsUpdate(d.editors[0]!.conn.doc).length);
}

export async function closeDocs(): Promise<void> {
  for (const d of open.splice(0)) {
    for (const e of d.editors) {
      if (e.timer) clearTimeout(e.timer);
      e.conn.destroy();
    }
  }
}
