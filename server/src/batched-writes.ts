import type { Writable } from 'node:stream';

/** Sockets written to in this turn of the event loop, uncorked together once it ends. */
const corked = new Set<Writable>();

function uncorkAll(): void {
  for (const socket of corked) socket.uncork();
  corked.clear();
}

/**
 * Holds a socket's writes until the end of this turn of the event loop, so that what one turn
 * sends a connection leaves in one write (a WebSocket frame each was a system call each): a
 * returning document client got its sync step, the document's presence, its saved report and
 * the answer to its own sync step as four writes, and a welcome's two binary parts went as two
 * (bench/, scenario 3).
 */
export function batchWrites(socket: Writable): void {
  if (corked.has(socket)) return;
  if (corked.size === 0) setImmediate(uncorkAll);
  corked.add(socket);
  socket.cork();
}
