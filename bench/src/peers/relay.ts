// A plain y-websocket relay: the reference server's logic (y-websocket's bin/utils.js, now
// @y/websocket-server) on y-protocols, in memory, with no auth, limits or persistence.
import { createServer } from 'node:http';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, type WebSocket } from 'ws';
import { seedPeerDoc } from './seed.js';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

class SharedDoc extends Y.Doc {
  readonly conns = new Map<WebSocket, Set<number>>();
  readonly awareness = new awarenessProtocol.Awareness(this);

  constructor(readonly name: string) {
    super({ gc: true });
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>,
        conn: WebSocket | null,
      ) => {
        const changed = [...added, ...updated, ...removed];
        if (conn) {
          const ids = this.conns.get(conn);
          for (const id of added) ids?.add(id);
          for (const id of removed) ids?.delete(id);
        }
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(
          e,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
        );
        const message = encoding.toUint8Array(e);
        for (const c of this.conns.keys()) send(c, message);
      },
    );
    this.on('update', (update: Uint8Array) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeUpdate(e, update);
      const message = encoding.toUint8Array(e);
      for (const c of this.conns.keys()) send(c, message);
    });
  }
}

const docs = new Map<string, SharedDoc>();

function getDoc(name: string): SharedDoc {
  let doc = docs.get(name);
  if (!doc) {
    doc = new SharedDoc(name);
    seedPeerDoc(name, doc);
    docs.set(name, doc);
  }
  return doc;
}

function send(conn: WebSocket, message: Uint8Array) {
  if (conn.readyState !== conn.OPEN) return close(conn);
  conn.send(message, (error) => error && close(conn));
}

function close(conn: WebSocket) {
  for (const doc of docs.values()) {
    const ids = doc.conns.get(conn);
    if (!ids) continue;
    doc.conns.delete(conn);
    awarenessProtocol.removeAwarenessStates(doc.awareness, [...ids], null);
  }
  conn.close();
}

function setup(conn: WebSocket, name: string) {
  conn.binaryType = 'arraybuffer';
  const doc = getDoc(name);
  doc.conns.set(conn, new Set());
  conn.on('message', (data: ArrayBuffer) => {
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const e = encoding.createEncoder();
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, e, doc, conn);
        if (encoding.length(e) > 1) send(conn, encoding.toUint8Array(e));
      } else if (type === MESSAGE_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(
          doc.awareness,
          decoding.readVarUint8Array(decoder),
          conn,
        );
      }
    } catch (error) {
      console.error(error);
    }
  });
  // Keep-alive as the reference server does: a ping every 30 s, close when no pong came.
  let alive = true;
  const pinger = setInterval(() => {
    if (!alive) return close(conn);
    alive = false;
    conn.ping();
  }, 30_000);
  conn.on('pong', () => (alive = true));
  conn.on('close', () => {
    clearInterval(pinger);
    close(conn);
  });
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(e, doc);
  send(conn, encoding.toUint8Array(e));
  const states = [...doc.awareness.getStates().keys()];
  if (states.length > 0) {
    const a = encoding.createEncoder();
    encoding.writeVarUint(a, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(a, awarenessProtocol.encodeAwarenessUpdate(doc.awareness, states));
    send(conn, encoding.toUint8Array(a));
  }
}

const wss = new WebSocketServer({ noServer: true });
const http = createServer((_req, res) => res.writeHead(200).end('relay'));
http.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    const name = (req.url ?? '/').slice(1).split('?')[0] ?? '';
    setup(ws, decodeURIComponent(name));
  });
});

const port = Number(process.env.PORT ?? 0);
http.listen(port, '127.0.0.1', () => console.log(`y-websocket relay listening on ${port}`));
process.on('SIGTERM', () => process.exit(0));
