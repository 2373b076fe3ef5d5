import { participantToken } from '$lib/storage';
import type { PageLoad } from './$types';

// The token lives in localStorage (or arrives in a personal link's #token=): browser only.
export const ssr = false;

/** `#token=…` from a personal link, if the address bar shows this page. */
function tokenFromHash(path: string): string | null {
  if (typeof location === 'undefined' || location.pathname !== path) return null;
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  return token && token.includes('.') ? token : null;
}

export const load: PageLoad = ({ params, url }) => {
  const fromLink = tokenFromHash(url.pathname);
  // The name is filled in once the workshop knows who this is.
  if (fromLink) participantToken.set(params.id, fromLink, '');
  return {
    workshopId: params.id,
    token: fromLink ?? participantToken.get(params.id),
    fromLink: fromLink !== null,
  };
};
