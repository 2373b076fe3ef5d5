import { z } from 'zod';
import { TEAM_ROLES } from './domain/team-types.js';
import { Id, visibleText } from './field-rules.js';

const memberName = visibleText('Name', 80);

/** Inputs of the facilitation team's commands (see domain/team.ts). */
export const TeamCommandInputs = {
  'team.invite': z.object({
    name: memberName,
    role: z.enum(TEAM_ROLES, { error: 'Choose facilitator or moderator' }),
  }),
  'team.revoke': z.object({ memberId: Id }),
  /** Sets the acting person's own name in the team (the owner's, or a member's). */
  'team.rename': z.object({ name: memberName }),
  'key.rotate': z.discriminatedUnion('target', [
    z.object({ target: z.literal('owner') }),
    z.object({ target: z.literal('screen') }),
    z.object({ target: z.literal('member'), memberId: Id }),
  ]),
};
