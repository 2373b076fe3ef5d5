import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

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

/** What a close code from the document server means, in words for the reader. */
export const CLOSE_MESSAGES: Record<number, string> = {
  4401: 'You were removed from this workshop, so this document is closed.',
  4403: 'You do not have access to this document (yet). Ask the facilitator.',
  4404: 'This document was deleted.',
  4413: 'This document is full: nothing more can be added. Shorten or delete some entries.',
  4400: 'The document server refused a message. Reload the page to continue.',
};

const wsOrigin = (): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * One co-edited document: a Y.Doc kept in sync over the y-websocket protocol, with the
 * connection status, the server's close reason, and who else is in it.
 */
export class DocConnection {
  readonly doc = new Y.Doc();
  status = $state.raw<DocStatus>('connecting');
  synced = $state.raw(false);
  /** Synced at least once: the content shown is the shared one, not an empty placeholder. */
  loaded = $state.raw(false);
  closeCode = $state.raw<number | null>(null);
  presence = $state.raw<PresenceUser[]>([]);
  readonly #provider: WebsocketProvider;

  get clientId(): number {
    return this.doc.clientID;
  }

  constructor(workshopId: string, artifactId: string, kind: DocRole, secret: string) {
    const provider = new WebsocketProvider(
      `${wsOrigin()}/yjs`,
      `${workshopId}/${artifactId}`,
      this.doc,
      { params: { kind, secret }, connect: false },
    );
    this.#provider = provider;
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
    });
    provider.awareness.on('change', () => this.#readPresence());
  }

  connect(): void {
    this.#provider.connect();
  }

  destroy(): void {
    this.#provider.destroy();
    this.doc.destroy();
  }

  /** Tells the others which item this person is editing (null when none). */
  setEditing(itemId: string | null): void {
    this.#provider.awareness.setLocalStateField('editing', itemId);
  }

  get closeMessage(): string | null {
    return this.closeCode === null
      ? null
      : (CLOSE_MESSAGES[this.closeCode] ?? 'The connection to this document was closed.');
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
