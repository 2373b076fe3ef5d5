// @hocuspocus/server 3.x (4.x needs Node 22), in memory, documents seeded as ours are.
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';
import { seedPeerDoc } from './seed.js';

/**
 * Documents outlive their connections, as on ours (stored on disk) and on the relay (kept in
 * memory). Without a store, Hocuspocus drops a document when its last editor leaves, so each
 * 5 s slice of the co-editing scenario started it afresh: 51 Yjs clients and no history, where
 * the other two carried every earlier slice's editors and edits (200 clients by the 4th), and
 * every transaction's state vectors grow with the clients. That, not the server, was most of
 * Hocuspocus's lead at 50 editors per document.
 */
const stored = new Map<string, Uint8Array>();

const port = Number(process.env.PORT ?? 0);
const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onLoadDocument({ document, documentName }) {
    const state = stored.get(documentName);
    if (state) Y.applyUpdate(document, state);
    else seedPeerDoc(documentName, document);
    return document;
  },
  async onStoreDocument({ document, documentName }) {
    stored.set(documentName, Y.encodeStateAsUpdate(document));
  },
});

await server.listen();
console.log(`hocuspocus listening on ${port}`);
process.on('SIGTERM', () => void server.destroy().then(() => process.exit(0)));
