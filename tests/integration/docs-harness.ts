import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Credential } from '@plenary/shared';

export interface DocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closed: Array<{ code: number; reason: string }>;
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
  const secret = credential.kind === 'participant' ? credential.token : credential.key;
  const closed: DocClient['closed'] = [];
  const provider = new WebsocketProvider(
    `${base.replace('http', 'ws')}/yjs`,
    `${workshopId}/${artifactId}`,
    doc,
    {
      params: { kind: credential.kind, secret },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    },
  );
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closed.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closed,
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
