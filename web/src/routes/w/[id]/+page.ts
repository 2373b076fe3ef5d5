import { redirect } from '@sveltejs/kit';
import { participantToken } from '$lib/storage';
import type { PageLoad } from './$types';

// The participant's token lives in localStorage, so this page renders in the browser only.
export const ssr = false;

export const load: PageLoad = ({ params }) => {
  const token = participantToken.get(params.id);
  if (!token) redirect(307, '/join?notice=missing');
  return { workshopId: params.id, token };
};
