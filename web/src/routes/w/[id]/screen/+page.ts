import { facilitatorKey, keyFromHash, screenKey } from '$lib/storage';
import type { PageLoad } from './$types';

// The key comes from the link's #key= (kept in localStorage for reloads): browser only.
export const ssr = false;

export const load: PageLoad = ({ params, url }) => {
  const fromLink = keyFromHash(url.pathname);
  if (fromLink) screenKey.set(params.id, fromLink);
  // The facilitator's own laptop can open the projector view without a separate link.
  const key = fromLink ?? screenKey.get(params.id) ?? facilitatorKey.get(params.id);
  return { workshopId: params.id, key };
};
