import { z } from 'zod';
import type { WebSocket } from 'ws';
import { DOC_MESSAGE_AUTH, type Credential } from '@plenary/shared';

const CredentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('facilitator'), key: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('screen'), key: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('participant'), token: z.string().min(1).max(300) }),
]);

/** The credential a document connection's first message carries, or undefined. */
export function readDocAuth(message: Uint8Array): Credential | undefined {
  if (message[0] !== DOC_MESSAGE_AUTH || message.length > 1024) return undefined;
  try {
    const parsed = CredentialSchema.safeParse(
      JSON.parse(new TextDecoder().decode(message.subarray(1))),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface DocHello {
  credential: Credential;
  /** Stops listening and hands over what arrived after the credential, in order: call it in
   *  the same tick as the connection's own message listener is added. */
  take(): Uint8Array[];
}

/**
 * Waits for a new document connection's credential, its first message: 'invalid' when that
 * message is something else (a page from before credentials moved out of the URL), 'late' when
 * none came within `timeoutMs`, 'closed' when the socket closed first.
 */
export function awaitDocAuth(
  ws: WebSocket,
  timeoutMs: number,
): Promise<DocHello | 'invalid' | 'late' | 'closed'> {
  ws.binaryType = 'arraybuffer';
  return new Promise((resolve) => {
    const later: Uint8Array[] = [];
    let credential: Credential | undefined;
    const stop = () => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      ws.off('error', ignore);
    };
    const onMessage = (data: ArrayBuffer) => {
      const bytes = new Uint8Array(data);
      if (credential) return void later.push(bytes);
      credential = readDocAuth(bytes);
      if (!credential) {
        stop();
        return resolve('invalid');
      }
      clearTimeout(timer);
      resolve({
        credential,
        take: () => {
          stop();
          return later;
        },
      });
    };
    const onClose = () => {
      stop();
      resolve('closed');
    };
    // A frame over the size limit or a broken socket: ws closes it; nothing to throw.
    const ignore = () => {};
    const timer = setTimeout(() => {
      stop();
      resolve('late');
    }, timeoutMs);
    timer.unref();
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.on('error', ignore);
  });
}
