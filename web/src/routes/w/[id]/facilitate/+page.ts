import { keepLinkStep } from '$lib/facilitated';
import { facilitatorKey, keyFromHash } from '$lib/storage';
import type { PageLoad } from './$types';

// The facilitator key comes from the link's #key= and is kept in localStorage: browser only.
export const ssr = false;

export const load: PageLoad = ({ params, url }) => {
  const fromLink = keyFromHash(url.pathname);
  if (fromLink) {
    const kept = facilitatorKey.get(params.id);
    // A new link for a console this browser already opened (the lead gave this person a new
    // one): the old link they kept no longer works, so ask them to keep this one.
    if (kept && kept !== fromLink) keepLinkStep.ask(params.id);
    facilitatorKey.set(params.id, fromLink);
  }
  return { workshopId: params.id, key: fromLink ?? facilitatorKey.get(params.id) };
};
