import { z } from 'zod';
import { PROTOCOL_VERSION, type ErrorCode } from '@plenary/shared';
import { ballotSeed, splitParticipantToken } from '../secrets.js';
import type { Workshops } from '../workshops.js';
import type { PlenarySocket } from './socket-types.js';

const HandshakeSchema = z.object({
  protocol: z.number(),
  workshopId: z.string().min(1).max(64),
  credential: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('facilitator'), key: z.string().min(1).max(200) }),
    z.object({ kind: z.literal('screen'), key: z.string().min(1).max(200) }),
    z.object({ kind: z.literal('participant'), token: z.string().min(1).max(300) }),
  ]),
});

/** A handshake refusal: socket.io sends `message` to the client's connect_error. */
function refusal(code: ErrorCode, message: string): Error & { data: { code: ErrorCode } } {
  return Object.assign(new Error(JSON.stringify({ code, message })), { data: { code } });
}

type Next = (error?: Error) => void;

/**
 * The socket.io handshake: parses the credential, checks the protocol version, authenticates
 * against the workshop and sets what the connection is (`socket.data`), or refuses it with a code.
 */
export function authenticateHandshake(workshops: Workshops) {
  return async (socket: PlenarySocket, next: Next): Promise<void> => {
    const parsed = HandshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success)
      return next(
        refusal('unauthorized', 'Sign in again: the connection carried no valid credential'),
      );
    const { protocol, workshopId, credential } = parsed.data;
    if (protocol !== PROTOCOL_VERSION)
      return next(refusal('protocol_mismatch', 'Plenary was updated: reload the page'));
    const record = await workshops.get(workshopId);
    if (!record) return next(refusal('not_found', 'This workshop no longer exists'));
    const actor = workshops.authenticate(record.workshop, credential);
    if (!actor) {
      return next(
        credential.kind === 'participant'
          ? refusal('unauthorized', 'You are no longer in this workshop: join again with the code')
          : refusal('forbidden', 'That key does not open this workshop'),
      );
    }
    const secret =
      credential.kind === 'participant'
        ? splitParticipantToken(credential.token)?.secret
        : undefined;
    socket.data = {
      workshopId,
      role: actor.role,
      participantId: actor.role === 'participant' ? actor.participantId : null,
      memberId: actor.role === 'facilitator' || actor.role === 'moderator' ? actor.memberId : null,
      keyHash: actor.role === 'participant' ? null : (actor.keyHash ?? null),
      ballotSeed: secret ? ballotSeed(secret) : null,
    };
    next();
  };
}
