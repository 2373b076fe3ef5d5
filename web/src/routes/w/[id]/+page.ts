import { redirect } from '@sveltejs/kit';
import { participantToken, tokenFromHash } from '$lib/storage';
import type { PageLoad } from './$types';

// The participant's token lives in localStorage, so this page renders in the browser only.
export const ssr = false;

export const load: PageLoad = ({ params, url }) => {
  // Joined without scripts: the token came in the address; keep it (the name follows, see page).
  const fromLink = tokenFromHash(url.pathname);
  if (fromLink) participantToken.set(params.id, fromLink, '');
  const token = fromLink ?? participantToken.get(params.id);
  if (!token) redirect(307, '/join?notice=missing');
  return { workshopId: params.id, token, fromLink: fromLink !== null };
};
