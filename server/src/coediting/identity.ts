import { actorName, type Actor, type Workshop } from '@plenary/shared';
import type { Identity } from './awareness-guard.js';

const COLORS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#b45309',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
];

/** Who someone is in a document's presence: their name, role and colour. */
export function identityOf(w: Workshop, actor: Actor): Identity {
  if (actor.role === 'participant') {
    const p = w.participants.find((x) => x.id === actor.participantId);
    const index = w.participants.findIndex((x) => x.id === actor.participantId);
    return {
      name: p?.name ?? 'Participant',
      role: 'participant',
      participantId: actor.participantId,
      color: COLORS[index % COLORS.length]!,
    };
  }
  return {
    name:
      actor.role === 'screen' ? 'Projector' : actor.memberId ? actorName(w, actor) : 'Facilitator',
    role: actor.role === 'screen' ? 'screen' : 'facilitator',
    participantId: null,
    color: '#334155',
  };
}
