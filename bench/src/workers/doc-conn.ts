import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { Awareness } from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import { DOC_MESSAGE_SAVED, DOC_RECONNECT_MAX_MS, authenticatedSocket } from '@plenary/shared';

/** Which server a document lives on: ours, the plain y-websocket relay, or Hocuspocus. */
export type DocTarget = 'plenary' | 'relay' | 'hocuspocus';

export interface DocAddress {
  target: DocTarget;
  /** http://127.0.0.1:port */
  base: string;
  /** `<workshopId>/<artifactId>` on ours, `<kind>-<n>` on the peers. */
  room: string;
  /** Ours: the participant token. */
  token?: string;
}

/** One editor's connection to one document, whatever the server. */
export interface DocConn {
  doc: Y.Doc;
  awareness: Awareness;
  synced(): boolean;
  /** Resolves on the next completed sync (the first one, or the one after a reconnect). */
  nextSync(): Promise<void>;
  onSync(listener: () => void): void;
  /** Close codes of dropped connections (the provider reconnects by itself). */
  closes: string[];
  /** Ours: what the server reported as durably stored, per client (its 'saved' message). */
  saved: Map<number, number>;
  destroy(): void;
}

const wsBase = (base: string) => base.replace(/^http/, 'ws');

export function openDoc(address: DocAddress, doc = new Y.Doc()): DocConn {
  const listeners: Array<() => void> = [];
  const fire = () => {
    for (const l of listeners.splice(0)) l();
  };
  const always: Array<() => void> = [];
  const synced = () => {
    fire();
    for (const l of always) l();
  };
  if (address.target === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({
      url: wsBase(address.base),
      WebSocketPolyfill: WebSocket,
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: address.room,
      document: doc,
    });
    provider.attach();
    provider.on('synced', ({ state }: { state: boolean }) => state && synced());
    return {
      doc,
      awareness: provider.awareness!,
      synced: () => provider.isSynced,
      nextSync: () => new Promise((r) => listeners.push(r)),
      onSync: (l) => always.push(l),
      closes: [],
      saved: new Map(),
      destroy() {
        provider.destroy();
        socket.destroy();
        doc.destroy();
      },
    };
  }
  // The browser's client (web/src/lib/yjs/doc-connection.svelte.ts) is this provider too.
  const provider =
    address.target === 'plenary'
      ? new WebsocketProvider(`${wsBase(address.base)}/yjs`, address.room, doc, {
          params: { saved: '1' },
          maxBackoffTime: DOC_RECONNECT_MAX_MS,
          WebSocketPolyfill: authenticatedSocket(WebSocket, {
            kind: 'participant',
            token: address.token ?? '',
          }) as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        })
      : new WebsocketProvider(wsBase(address.base), address.room, doc, {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        });
  provider.on('sync', (state: boolean) => state && synced());
  const closes: string[] = [];
  provider.on('connection-close', (event: CloseEvent | null) =>
    closes.push(`${event?.code ?? 0} ${event?.reason ?? ''}`),
  );
  const saved = new Map<number, number>();
  // As the browser does: the server tells which edits are on its disk.
  provider.messageHandlers[DOC_MESSAGE_SAVED] = (_encoder, decoder) => {
    for (const [client, clock] of Y.decodeStateVector(decoding.readVarUint8Array(decoder)))
      if (clock > (saved.get(client) ?? 0)) saved.set(client, clock);
  };
  return {
    closes,
    saved,
    doc,
    awareness: provider.awareness,
    synced: () => provider.synced,
    nextSync: () => new Promise((r) => listeners.push(r)),
    onSync: (l) => always.push(l),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits for a first sync unless it already happened. */
export function whenSynced(conn: DocConn): Promise<void> {
  return conn.synced() ? Promise.resolve() : conn.nextSync();
}
