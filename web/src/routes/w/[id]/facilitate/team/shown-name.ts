import { DEFAULT_OWNER_NAME } from '@plenary/shared';
import { m } from '$lib/paraglide/messages';

/** A team member's name as shown: a lead who gave no name yet is named by their role, in the
 *  console's language (the server stores the English default). */
export const shownName = (name: string): string =>
  name === DEFAULT_OWNER_NAME ? m.console_team_lead() : name;
