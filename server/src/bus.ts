import type { Redis } from 'ioredis';
import { newId } from './secrets.js';

/**
 * Messages between the server processes of one deployment (Yjs updates, presence, "this
 * workshop changed"). A process never receives its own messages. Without Redis there is one
 * process and no bus.
 */
export interface Bus {
  publish(channel: string, message: Uint8Array): void;
  /** Resolves once messages on the channel are being received. `from` names the sending process. */
  subscribe(channel: string, handler: (message: Uint8Array, from: string) => void): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  close(): Promise<void>;
}

/** Redis pub/sub: one connection publishes, a second one (in subscriber mode) listens. */
export class RedisBus implements Bus {
  private readonly origin = Buffer.from(newId().slice(0, 8));
  private readonly handlers = new Map<string, (message: Uint8Array, from: string) => void>();

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly prefix = 'plenary:bus:',
  ) {
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      // The first 8 bytes say which process sent it.
      if (message.subarray(0, 8).equals(this.origin)) return;
      const handler = this.handlers.get(channel.toString().slice(this.prefix.length));
      handler?.(new Uint8Array(message.subarray(8)), message.subarray(0, 8).toString());
    });
  }

  publish(channel: string, message: Uint8Array): void {
    void this.pub
      .publish(`${this.prefix}${channel}`, Buffer.concat([this.origin, message]))
      .catch(() => undefined);
  }

  async subscribe(
    channel: string,
    handler: (message: Uint8Array, from: string) => void,
  ): Promise<void> {
    this.handlers.set(channel, handler);
    await this.sub.subscribe(`${this.prefix}${channel}`);
  }

  async unsubscribe(channel: string): Promise<void> {
    this.handlers.delete(channel);
    await this.sub.unsubscribe(`${this.prefix}${channel}`).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
