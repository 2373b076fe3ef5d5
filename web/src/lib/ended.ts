import type { EndReason } from '@plenary/shared';
import type { Refusal } from './connection.svelte.js';

/** What to tell someone whose connection is over for good, by why it ended. */
export function endedText(
  reason: EndReason | null,
  refusal: Refusal | null,
): { heading: string; message: string } {
  if (reason === 'removed')
    return {
      heading: 'You were removed from this workshop',
      message:
        'The facilitator removed you from the participant list. Ask them if this is a mistake.',
    };
  if (reason === 'revoked')
    return {
      heading: 'This link no longer opens the workshop',
      message:
        'Its key was revoked or replaced. If you are in the facilitation team, ask the lead facilitator for a new link; if you replaced your own key, open the new link.',
    };
  if (reason === 'deleted')
    return {
      heading: 'This workshop was deleted',
      message: 'The facilitator deleted the workshop. Thank you for taking part.',
    };
  switch (refusal?.code) {
    case 'not_found':
      return {
        heading: 'Workshop not found',
        message: 'This workshop does not exist any more. Check the link you were given.',
      };
    case 'unauthorized':
    case 'forbidden':
      return {
        heading: 'This link does not open the workshop',
        message:
          'The key in the link is not valid for this workshop. Open the link you were given again.',
      };
    case 'protocol_mismatch':
      return {
        heading: 'This page is out of date',
        message: 'Plenary was updated. Reload the page to continue.',
      };
    default:
      return {
        heading: 'Not connected',
        message:
          refusal?.message ?? 'The connection to the workshop ended. Reload the page to try again.',
      };
  }
}
