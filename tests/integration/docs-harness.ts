import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { DOC_MESSAGE_SAVED, authenticatedSocket, type Credential } from '@plenary/shared';

export interface DocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closed: Array<{ code: number; reason: string }>;
  /** The state the server reported durably stored, per Yjs client id. */
  saved: Map<number, number>;
  /** Everything in this client's document is reported stored. */
  allSaved(): boolean;
  destroy(): void;
}

/** A real y-websocket client (the same provider the browser uses) on a document of a workshop. */
export function openDoc(
  base: string,
  workshopId: string,
  artifactId: string,
  credential: Credential,
  doc = new Y.Doc(),
): DocClient {
  const closed: DocClient['closed'] = [];
  const provider = new WebsocketProvider(
    `${base.replace('http', 'ws')}/yjs`,
    `${workshopId}/${artifactId}`,
    doc,
    {
      params: { saved: '1' },
      WebSocketPolyfill: authenticatedSocket(
        WebSocket,
        credential,
      ) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    },
  );
  const saved = new Map<number, number>();
  provider.messageHandlers[DOC_MESSAGE_SAVED] = (_encoder, decoder) => {
    for (const [client, clock] of Y.decodeStateVector(decoding.readVarUint8Array(decoder)))
      if (clock > (saved.get(client) ?? 0)) saved.set(client, clock);
  };
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closed.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closed,
    saved,
    allSaved: () =>
      [...Y.decodeStateVector(Y.encodeStateVector(doc))].every(
        ([client, clock]) => (saved.get(client) ?? 0) >= clock,
      ),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export const synced = (c: DocClient) =>
  new Promise<void>((resolve) => {
    if (c.provider.synced) return resolve();
    c.provider.once('sync', (s: boolean) => s && resolve());
  });

/** A bare WebSocket on a document, authenticated (its first message), for hand-made frames. */
export async function openRawDoc(
  base: string,
  workshopId: string,
  artifactId: string,
  credential: Credential,
  query = '',
): Promise<WebSocket> {
  const Authenticated = authenticatedSocket(WebSocket, credential);
  const ws = new Authenticated(
    `${base.replace('http', 'ws')}/yjs/${workshopId}/${artifactId}${query}`,
  );
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}
