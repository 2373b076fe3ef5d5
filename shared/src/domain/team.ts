import type { CommandInput } from '../schemas.js';
import { fail, ok, type Result } from './result.js';
import {
  DEFAULT_OWNER_NAME,
  TEAM_MAX_MEMBERS,
  type Team,
  type TeamMember,
  type TeamView,
} from './team-types.js';
import type { Actor, DomainContext, Workshop } from './types.js';

/**
 * The facilitation team: the owner (who created the workshop) invites co-facilitators and
 * moderators, each with their own key, and can revoke or replace any key. Keys are made by the
 * server (`ctx.issueKey` returns a new key's hash and hands the key to the caller); the domain
 * only stores hashes.
 */

export const teamOf = (w: Workshop): Team =>
  w.team ?? { ownerName: DEFAULT_OWNER_NAME, members: [], log: [] };

export const isOwner = (actor: Actor): boolean => actor.role === 'facilitator' && !actor.memberId;

const ownerOnly = () =>
  fail('forbidden', 'Only the person who created the workshop manages the team');
const memberNotFound = () => fail('not_found', 'That person is no longer in the team', 'memberId');
const noKeys = () => fail('internal', 'Keys cannot be made here');

export function inviteMember(
  w: Workshop,
  input: CommandInput<'team.invite'>,
  ctx: DomainContext,
): Result<{ workshop: Workshop; memberId: string }> {
  if (!isOwner(ctx.actor)) return ownerOnly();
  if (!ctx.issueKey) return noKeys();
  const team = teamOf(w);
  if (team.members.length >= TEAM_MAX_MEMBERS)
    return fail('conflict', `A team has at most ${TEAM_MAX_MEMBERS} people besides you`);
  const member: TeamMember = {
    id: ctx.newId(),
    name: input.name,
    role: input.role,
    keyHash: ctx.issueKey(),
    invitedAt: ctx.now,
  };
  return ok({
    workshop: { ...w, team: { ...team, members: [...team.members, member] } },
    memberId: member.id,
  });
}

export function revokeMember(
  w: Workshop,
  input: CommandInput<'team.revoke'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (!isOwner(ctx.actor)) return ownerOnly();
  const team = teamOf(w);
  if (!team.members.some((m) => m.id === input.memberId)) return memberNotFound();
  const members = team.members.filter((m) => m.id !== input.memberId);
  return ok({ ...w, team: { ...team, members } });
}

export function renameSelf(
  w: Workshop,
  input: CommandInput<'team.rename'>,
  ctx: DomainContext,
): Result<Workshop> {
  const team = teamOf(w);
  const { actor } = ctx;
  if (isOwner(actor)) return ok({ ...w, team: { ...team, ownerName: input.name } });
  const memberId = actor.role === 'facilitator' || actor.role === 'moderator' ? actor.memberId : '';
  if (!team.members.some((m) => m.id === memberId)) return memberNotFound();
  const members = team.members.map((m) => (m.id === memberId ? { ...m, name: input.name } : m));
  return ok({ ...w, team: { ...team, members } });
}

/**
 * Replaces a key: every connection opened with the old one is dropped and it opens nothing
 * any more. The screen key may be replaced by any facilitator (to make a projector link);
 * the owner's and members' keys only by the owner.
 */
export function rotateKey(
  w: Workshop,
  input: CommandInput<'key.rotate'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (!ctx.issueKey) return noKeys();
  if (input.target === 'screen') return ok({ ...w, screenKeyHash: ctx.issueKey() });
  if (!isOwner(ctx.actor)) return ownerOnly();
  if (input.target === 'owner') return ok({ ...w, facilitatorKeyHash: ctx.issueKey() });
  const team = teamOf(w);
  if (!team.members.some((m) => m.id === input.memberId)) return memberNotFound();
  const keyHash = ctx.issueKey();
  const members = team.members.map((m) => (m.id === input.memberId ? { ...m, keyHash } : m));
  return ok({ ...w, team: { ...team, members } });
}

/**
 * Whether the key an actor authenticated with still opens the workshop: a connection opened
 * before its key was revoked or replaced must not act on, or read, anything more.
 */
export function credentialCurrent(w: Workshop, actor: Actor): boolean {
  switch (actor.role) {
    case 'participant':
      return w.participants.some((p) => p.id === actor.participantId);
    case 'screen':
      return (
        actor.keyHash === undefined ||
        actor.keyHash === w.screenKeyHash ||
        actor.keyHash === w.facilitatorKeyHash
      );
    case 'facilitator':
    case 'moderator': {
      if (!actor.memberId)
        return actor.keyHash === undefined || actor.keyHash === w.facilitatorKeyHash;
      const member = teamOf(w).members.find((m) => m.id === actor.memberId);
      return (
        !!member &&
        member.role === actor.role &&
        (actor.keyHash === undefined || actor.keyHash === member.keyHash)
      );
    }
  }
}

/** The name an action is credited to. */
export function actorName(w: Workshop, actor: Actor): string {
  const team = teamOf(w);
  if (actor.role === 'participant')
    return w.participants.find((p) => p.id === actor.participantId)?.name ?? 'A participant';
  if (actor.role === 'screen') return 'Projector';
  if (!actor.memberId) return team.ownerName;
  return team.members.find((m) => m.id === actor.memberId)?.name ?? 'A former team member';
}

export function teamView(
  w: Workshop,
  online: { owner: boolean; members: ReadonlySet<string> },
): TeamView {
  const team = teamOf(w);
  return {
    ownerName: team.ownerName,
    ownerOnline: online.owner,
    members: team.members.map(({ keyHash: _hash, ...m }) => ({
      ...m,
      online: online.members.has(m.id),
    })),
    log: team.log,
  };
}
