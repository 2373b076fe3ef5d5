import type { Bus } from '../bus.js';

/** What one process tells the others about a document. */
export type RelayMessage =
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'saved'; stateVector: Uint8Array };

/** Kinds of message between processes about one document (first byte). */
const KIND = { update: 0, awareness: 1, saved: 2 } as const;
/** The channel on which a process says "this workshop changed: check access to its documents". */
const WORKSHOPS_CHANNEL = 'workshops';

const channelOf = (name: string) => `doc:${name}`;

export function encodeRelayMessage(message: RelayMessage): Uint8Array {
  const payload = message.type === 'saved' ? message.stateVector : message.update;
  const bytes = new Uint8Array(payload.length + 1);
  bytes[0] = KIND[message.type];
  bytes.set(payload, 1);
  return bytes;
}

export function decodeRelayMessage(bytes: Uint8Array): RelayMessage | undefined {
  const payload = bytes.subarray(1);
  if (bytes[0] === KIND.update) return { type: 'update', update: payload };
  if (bytes[0] === KIND.awareness) return { type: 'awareness', update: payload };
  if (bytes[0] === KIND.saved) return { type: 'saved', stateVector: payload };
  return undefined;
}

/**
 * Documents' updates, presence and saved reports between the server processes of one deployment,
 * and "this workshop changed". Without a bus (one process) every call does nothing.
 */
export class Relay {
  constructor(private readonly bus: Bus | undefined) {}

  /** Resolves once the document's messages from other processes are being received. */
  async join(name: string, receive: (message: RelayMessage) => void): Promise<void> {
    await this.bus?.subscribe(channelOf(name), (bytes) => {
      const message = decodeRelayMessage(bytes);
      if (message) receive(message);
    });
  }

  async leave(name: string): Promise<void> {
    await this.bus?.unsubscribe(channelOf(name));
  }

  publish(name: string, message: RelayMessage): void {
    this.bus?.publish(channelOf(name), encodeRelayMessage(message));
  }

  /** Tells the other processes that a workshop changed (access, artifacts, or deleted). */
  workshopChanged(workshopId: string): void {
    this.bus?.publish(WORKSHOPS_CHANNEL, new TextEncoder().encode(workshopId));
  }

  onWorkshopChanged(handler: (workshopId: string) => void): void {
    void this.bus?.subscribe(WORKSHOPS_CHANNEL, (message) => {
      handler(new TextDecoder().decode(message));
    });
  }
}
