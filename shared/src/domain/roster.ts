import type { CommandInput, ParticipantProfile } from '../schemas.js';
import { LIMITS } from '../limits.js';
import { fail, ok, type Result } from './result.js';
import type { DomainContext, Participant, Workshop } from './types.js';

export function joinWorkshop(
  w: Workshop,
  profile: ParticipantProfile,
  tokenHash: string,
  ctx: DomainContext,
): Result<{ workshop: Workshop; participant: Participant }> {
  if (w.participants.length >= LIMITS.participants)
    return fail('conflict', 'This workshop is full');
  const participant: Participant = {
    id: ctx.newId(),
    ...profile,
    tokenHash,
    joinedAt: ctx.now,
  };
  return ok({ workshop: { ...w, participants: [...w.participants, participant] }, participant });
}

const notFound = () =>
  fail('not_found', 'That participant is no longer in the workshop', 'participantId');

export function renameParticipant(
  w: Workshop,
  input: CommandInput<'participant.rename'>,
): Result<Workshop> {
  if (!w.participants.some((p) => p.id === input.participantId)) return notFound();
  return ok({
    ...w,
    participants: w.participants.map((p) =>
      p.id === input.participantId ? { ...p, name: input.name } : p,
    ),
  });
}

/** Removing a participant deletes them, and with them their token hash: the token stops working. */
export function removeParticipant(
  w: Workshop,
  input: CommandInput<'participant.remove'>,
): Result<Workshop> {
  if (!w.participants.some((p) => p.id === input.participantId)) return notFound();
  return ok({
    ...w,
    participants: w.participants.filter((p) => p.id !== input.participantId),
    groups: w.groups.map((g) =>
      g.memberIds.includes(input.participantId)
        ? { ...g, memberIds: g.memberIds.filter((id) => id !== input.participantId) }
        : g,
    ),
  });
}

/** A participant corrects their own profile. */
export function updateOwnProfile(
  w: Workshop,
  input: CommandInput<'me.update'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (ctx.actor.role !== 'participant')
    return fail('forbidden', 'Only a participant has a profile to change');
  const id = ctx.actor.participantId;
  if (!w.participants.some((p) => p.id === id)) return notFound();
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return ok({
    ...w,
    participants: w.participants.map((p) => (p.id === id ? { ...p, ...patch } : p)),
  });
}
