import type { EndReason } from '@plenary/shared';
import type { Refusal } from './connection.svelte.js';
import { m } from './paraglide/messages.js';

/** What to tell someone whose connection is over for good, by why it ended, in the page's language. */
export function endedText(
  reason: EndReason | null,
  refusal: Refusal | null,
): { heading: string; message: string } {
  if (reason === 'removed')
    return { heading: m.ended_removed_heading(), message: m.ended_removed() };
  if (reason === 'revoked')
    return { heading: m.ended_revoked_heading(), message: m.ended_revoked() };
  if (reason === 'deleted')
    return { heading: m.ended_deleted_heading(), message: m.ended_deleted() };
  switch (refusal?.code) {
    case 'not_found':
      return { heading: m.ended_not_found_heading(), message: m.ended_not_found() };
    case 'unauthorized':
    case 'forbidden':
      return { heading: m.ended_bad_key_heading(), message: m.ended_bad_key() };
    case 'protocol_mismatch':
      return { heading: m.ended_outdated_heading(), message: m.error_protocol_mismatch() };
    default:
      return {
        heading: m.ended_other_heading(),
        // A refusal of another kind: the server's own words (no translation is chosen by it).
        message: refusal?.message ?? m.ended_other(),
      };
  }
}
