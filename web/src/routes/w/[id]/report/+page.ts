import { facilitatorKey, keyFromHash } from '$lib/storage';
import type { PageLoad } from './$types';

// The facilitator key comes from the link's #key= or from this browser: browser only.
export const ssr = false;

export const load: PageLoad = ({ params, url }) => {
  const fromLink = keyFromHash(url.pathname);
  if (fromLink) facilitatorKey.set(params.id, fromLink);
  return { workshopId: params.id, key: fromLink ?? facilitatorKey.get(params.id) };
};
