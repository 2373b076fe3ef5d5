import { DOC_MESSAGE, type Credential } from './protocol.js';

/**
 * The first message of every document connection (a message type of ours, see DOC_MESSAGE),
 * carrying its credential as JSON. The secret travels in
 * the socket's first frame, never in the URL, where proxies and access logs record it.
 */
export const DOC_MESSAGE_AUTH = DOC_MESSAGE.auth;

export function docAuthMessage(credential: Credential): Uint8Array<ArrayBuffer> {
  const json = new TextEncoder().encode(JSON.stringify(credential));
  const message = new Uint8Array(json.length + 1);
  message[0] = DOC_MESSAGE_AUTH;
  message.set(json, 1);
  return message;
}

interface SocketLike {
  addEventListener(type: 'open', listener: () => void): void;
  send(data: Uint8Array<ArrayBuffer>): void;
}

/**
 * A WebSocket class (the browser's, or `ws` in Node) whose sockets send the credential first, for
 * y-websocket's `WebSocketPolyfill` option. The provider makes a new socket on every reconnect,
 * and each one authenticates before the provider's own messages.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor
export function authenticatedSocket<T extends new (...args: any[]) => SocketLike>(
  Base: T,
  credential: Credential,
): T {
  const hello = docAuthMessage(credential);
  return class extends Base {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor
    constructor(...args: any[]) {
      super(...args);
      // Added before the provider sets `onopen`, so it runs first.
      this.addEventListener('open', () => this.send(hello));
    }
  };
}
