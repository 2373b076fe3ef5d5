import type { Credential } from '@plenary/shared';
import { facilitatorKey, participantToken, screenKey } from '$lib/storage';
import type { PageLoad } from './$types';

// Credentials live in localStorage: this page renders in the browser only.
export const ssr = false;

type As = Credential['kind'];

/** Which credential to use: `?as=` picks one when this device holds several. */
function credentialFor(workshopId: string, as: string | null): Credential | null {
  const token = participantToken.get(workshopId);
  const key = facilitatorKey.get(workshopId);
  const screen = screenKey.get(workshopId);
  const options: Record<As, Credential | null> = {
    participant: token ? { kind: 'participant', token } : null,
    facilitator: key ? { kind: 'facilitator', key } : null,
    screen: screen ? { kind: 'screen', key: screen } : null,
  };
  if (as === 'participant' || as === 'facilitator' || as === 'screen') return options[as];
  return options.participant ?? options.facilitator ?? options.screen;
}

export const load: PageLoad = ({ params, url }) => ({
  workshopId: params.id,
  artifactId: params.artifactId,
  credential: credentialFor(params.id, url.searchParams.get('as')),
});
