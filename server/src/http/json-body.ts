import type { Request } from 'express';
import { JsonDepth } from './json-depth.js';

export type RawJson =
  { ok: true; bytes: Buffer } | { ok: false; code: 'too_large' | 'bad_request'; message: string };

/**
 * A JSON request body as bytes, read with its size and nesting checked as it arrives (parsing is
 * left to the caller, which may do it off the event loop).
 */
export function readJsonBody(
  req: Request,
  limits: { maxBytes: number; maxDepth: number; what: string },
): Promise<RawJson> {
  let size = 0;
  const refuse = (code: 'too_large' | 'bad_request', message: string): RawJson => {
    // The rest is dropped unread; a client sending past the limit is cut off.
    req.removeAllListeners('data');
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) req.socket.destroy();
    });
    req.resume();
    return { ok: false, code, message };
  };
  const tooLarge = `${limits.what} is larger than ${Math.floor(limits.maxBytes / (1024 * 1024))} MB`;
  if (!req.is('application/json'))
    return Promise.resolve(refuse('bad_request', `Send ${limits.what} as application/json`));
  if (Number(req.get('content-length') ?? 0) > limits.maxBytes)
    return Promise.resolve(refuse('too_large', tooLarge));
  return new Promise((resolve, reject) => {
    const depth = new JsonDepth(limits.maxDepth);
    const chunks: Buffer[] = [];
    // Too deep: the rest is read unexamined, and the answer waits for its end, so that a client
    // still sending reads it (answered mid-upload, it got EPIPE).
    let tooDeep = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) return resolve(refuse('too_large', tooLarge));
      if (tooDeep) return;
      if (depth.feed(chunk)) return void chunks.push(chunk);
      tooDeep = true;
      chunks.length = 0;
    });
    req.once('end', () => {
      if (tooDeep)
        return resolve({
          ok: false,
          code: 'bad_request',
          message: `${limits.what} nests deeper than any backup does`,
        });
      // Outside Node's shared pool, so that its memory can be handed to a worker thread whole.
      const bytes = Buffer.allocUnsafeSlow(size);
      let at = 0;
      for (const chunk of chunks) at += chunk.copy(bytes, at);
      resolve({ ok: true, bytes });
    });
    req.once('error', reject);
  });
}
