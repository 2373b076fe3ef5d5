import { connect, type Socket } from 'node:net';

export interface RawUpgrade {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server has closed the connection (or it was destroyed here). */
  closed: Promise<void>;
}

/**
 * A WebSocket upgrade request written by hand on a plain TCP socket, so that a test can leave it
 * unanswered, half-close it, or never answer a closing handshake, as a real client sometimes does.
 */
export async function rawUpgrade(base: string, path: string): Promise<RawUpgrade> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let text = '';
  socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: Upgrade\r\n` +
      `Upgrade: websocket\r\nOrigin: ${base}\r\nSec-WebSocket-Version: 13\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
  );
  return { socket, received: () => text, closed };
}

/** An HTTP/1.1 keep-alive connection that has had one answer and stays open. */
export async function keepAlive(base: string): Promise<RawUpgrade> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let text = '';
  const answered = new Promise<void>((resolve) =>
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if (text.includes('"ok":true')) resolve();
    }),
  );
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    `GET /api/health HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: keep-alive\r\n\r\n`,
  );
  await answered;
  return { socket, received: () => text, closed };
}

/** Polls `read` until it returns `want` (a state, not a duration, is what the test waits for). */
export async function until<T>(read: () => T | Promise<T>, want: T): Promise<void> {
  while ((await read()) !== want) await new Promise((r) => setTimeout(r, 20));
}
