import { z } from 'zod';
import {
  CommandId,
  CommandInputs,
  describeZodError,
  type Ack,
  type Actor,
  type CommandName,
} from '@plenary/shared';
import { logError } from '../log.js';
import { hashSecret, newSecret } from '../secrets.js';
import type { Broadcaster } from './broadcast.js';
import { broadcastsWhenApplied } from './broadcast-policy.js';
import type { RealtimeDeps } from './sockets.js';
import { ballotKeys, type IO, type PlenarySocket } from './socket-types.js';
import { dropRevoked, revokedKeys, sendTeam } from './team.js';

export type CommandRunner = (
  socket: PlenarySocket,
  name: CommandName,
  payload: unknown,
  ack: unknown,
) => void;

/** The commands of every connection, by one handler driven by the command table. */
export class CommandHandler {
  /** Connections whose own command replaced their key: they end once it is acknowledged. */
  private readonly endAfterAck = new WeakSet<PlenarySocket>();

  constructor(
    private readonly io: IO,
    private readonly deps: Pick<RealtimeDeps, 'workshops' | 'docs'>,
    private readonly broadcaster: Broadcaster,
  ) {}

  /** Runs a command and answers its ack (a bug is logged and answered as 'internal'). */
  readonly run: CommandRunner = (socket, name, payload, ack) => {
    const reply = ack as (r: Ack<object>) => void;
    this.handle(socket, name, payload).then(
      (r) => {
        reply(r);
        // Its own key replaced (the owner's new key is in this ack): end it after the answer.
        if (this.endAfterAck.delete(socket)) {
          socket.emit('ended', 'revoked');
          socket.disconnect(true);
        }
      },
      (error: unknown) => {
        logError(`[socket] command ${name} failed in workshop ${socket.data.workshopId}`, error);
        reply({
          ok: false,
          code: 'internal',
          message: 'Something went wrong on the server; try again',
        });
      },
    );
  };

  /**
   * The one command handler: authorize (the handshake did), parse, apply the domain, persist
   * (inside `workshops.run`), broadcast, ack.
   */
  private async handle(
    socket: PlenarySocket,
    name: CommandName,
    payload: unknown,
  ): Promise<Ack<object>> {
    const { workshopId } = socket.data;
    const envelope = z.object({ cmdId: CommandId }).safeParse(payload);
    if (!envelope.success)
      return { ok: false, code: 'bad_request', ...describeZodError(envelope.error) };
    const input = CommandInputs[name].safeParse(payload);
    if (!input.success) return { ok: false, code: 'bad_request', ...describeZodError(input.error) };
    const actor = actorOf(socket);
    // A key made by this command (an invitation, a replaced key): its hash is stored, the key
    // itself goes back in the acknowledgement only.
    let issued: string | undefined;
    const issueKey = () => hashSecret((issued = newSecret()));
    const outcome = await this.deps.workshops.run(
      workshopId,
      actor,
      name,
      envelope.data.cmdId,
      input.data as never,
      ballotKeys(socket.data),
      issueKey,
    );
    if (!outcome)
      return { ok: false, code: 'not_found', message: 'This workshop no longer exists' };
    const { result, before, after } = outcome;
    if (!result.ok) return result;
    // A vote went to the screens when it applied (Broadcaster.applied); the rest once on disk.
    if (!broadcastsWhenApplied(name)) {
      const revoked = revokedKeys(before, after);
      if (socket.data.keyHash && revoked.includes(socket.data.keyHash))
        this.endAfterAck.add(socket);
      dropRevoked(this.io, workshopId, revoked, socket.id);
      await this.deps.docs.reconcile(before, after);
      this.broadcaster.changed(before, after);
      if (before.team !== after.team) await sendTeam(this.io, after);
    }
    return {
      ok: true,
      ...(result.value.duplicate && { duplicate: true }),
      ...result.value.result,
      ...(issued && !result.value.duplicate && { key: issued }),
    };
  }
}

/** The actor a connection authenticated as, from what its handshake established. */
export function actorOf(socket: PlenarySocket): Actor {
  const { role, participantId, memberId, keyHash } = socket.data;
  const key = keyHash ? { keyHash } : {};
  if (role === 'participant') return { role, participantId: participantId ?? '' };
  if (role === 'moderator') return { role, memberId: memberId ?? '', ...key };
  if (role === 'facilitator') return { role, ...(memberId && { memberId }), ...key };
  return { role: 'screen', ...key };
}
