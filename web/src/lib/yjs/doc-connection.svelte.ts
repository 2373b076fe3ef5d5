import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  DOC_CLOSE,
  DOC_MESSAGE_SAVED,
  DOC_RECONNECT_MAX_MS,
  authenticatedSocket,
} from '@plenary/shared';
import { docClosedText } from '../i18n/doc-closed-text.js';
import { getLocale } from '../i18n/messages.svelte.js';

export type DocStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';
export type DocRole = 'participant' | 'facilitator' | 'screen';

/** Someone in the document now, from the awareness state the server vouches for. */
export interface PresenceUser {
  clientId: number;
  name: string;
  role: string;
  participantId: string | null;
  color: string;
  editing: string | null;
}

const wsOrigin = (): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Close codes after which this device must not keep a copy: removed, or document deleted. */
const FORGET_CODES = new Set<number>([DOC_CLOSE.unauthorized, DOC_CLOSE.gone]);

/**
 * One co-edited document: a Y.Doc kept in sync over the y-websocket protocol, with the
 * connection status, the server's close reason, and who else is in it.
 *
 * Edits are also kept in this browser (IndexedDB) until the server says they are stored, so a
 * dropped connection followed by a closed tab, a crash or a flat battery loses nothing: the
 * copy is sent when the page is next opened. `unsaved` is true while some of this device's
 * edits are not yet on the server's disk.
 */
export class DocConnection {
  readonly doc = new Y.Doc();
  status = $state.raw<DocStatus>('connecting');
  synced = $state.raw(false);
  /** Synced at least once: the content shown is the shared one, not an empty placeholder. */
  loaded = $state.raw(false);
  closeCode = $state.raw<number | null>(null);
  presence = $state.raw<PresenceUser[]>([]);
  unsaved = $state.raw(false);
  readonly #provider: WebsocketProvider;
  readonly #local: IndexeddbPersistence | null;
  /** The state the server reported durably stored (max over its reports); not reactive state:
   *  `unsaved` is what the page reads. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #saved = new Map<number, number>();

  get clientId(): number {
    return this.doc.clientID;
  }

  constructor(workshopId: string, artifactId: string, kind: DocRole, secret: string) {
    const credential = kind === 'participant' ? { kind, token: secret } : { kind, key: secret };
    const provider = new WebsocketProvider(
      `${wsOrigin()}/yjs`,
      `${workshopId}/${artifactId}`,
      this.doc,
      {
        params: { saved: '1' },
        // The secret goes in each socket's first message: never in a URL, which proxies log.
        WebSocketPolyfill: authenticatedSocket(WebSocket, credential),
        connect: false,
        maxBackoffTime: DOC_RECONNECT_MAX_MS,
      },
    );
    this.#provider = provider;
    // The projector only reads: nothing to keep on its disk.
    this.#local =
      kind === 'screen' || typeof indexedDB === 'undefined'
        ? null
        : new IndexeddbPersistence(`plenary:${workshopId}/${artifactId}`, this.doc);
    provider.messageHandlers[DOC_MESSAGE_SAVED] = (_encoder, decoder) => {
      const stored = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      for (const [client, clock] of stored)
        if (clock > (this.#saved.get(client) ?? 0)) this.#saved.set(client, clock);
      this.#checkSaved();
    };
    this.doc.on('update', () => this.#checkSaved());
    provider.on('status', ({ status }) => {
      if (this.status === 'closed') return;
      if (status === 'connected') this.status = 'connected';
      else if (status === 'disconnected') this.status = 'reconnecting';
    });
    provider.on('sync', (synced: boolean) => {
      this.synced = synced;
      if (synced) this.loaded = true;
      // Announce ourselves once the server knows us, so the others see who is here.
      if (synced) provider.awareness.setLocalStateField('editing', null);
    });
    provider.on('closed', ({ code }: { code: number }) => {
      this.closeCode = code;
      this.status = 'closed';
      if (FORGET_CODES.has(code)) void this.#local?.clearData();
    });
    provider.awareness.on('change', () => this.#readPresence());
  }

  connect(): void {
    this.#provider.connect();
  }

  destroy(): void {
    this.#provider.destroy();
    void this.#local?.destroy();
    this.doc.destroy();
  }

  #checkSaved(): void {
    // The server's reports cover this device's edits when they cover its whole state vector.
    let unsaved = false;
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc)))
      if ((this.#saved.get(client) ?? 0) < clock) unsaved = true;
    if (unsaved !== this.unsaved) this.unsaved = unsaved;
  }

  /** Tells the others which item this person is editing (null when none). */
  setEditing(itemId: string | null): void {
    this.#provider.awareness.setLocalStateField('editing', itemId);
  }

  get closeMessage(): string | null {
    return this.closeCode === null ? null : docClosedText(this.closeCode, getLocale());
  }

  #readPresence(): void {
    const users: PresenceUser[] = [];
    for (const [clientId, state] of this.#provider.awareness.getStates()) {
      const user = (state as { user?: Record<string, unknown> }).user;
      const name = str(user?.name);
      if (!user || !name) continue;
      users.push({
        clientId,
        name,
        role: str(user.role) ?? 'participant',
        participantId: str(user.participantId),
        color: str(user.color) ?? '#465063',
        editing: str((state as { editing?: unknown }).editing),
      });
    }
    this.presence = users;
  }
}
