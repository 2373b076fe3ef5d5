/**
 * Where a form action sends someone who just got in: `/w/<id>/facilitate#key=…` (a new workshop)
 * or `/w/<id>#token=…` (a participant who joined). The credential rides in the fragment, which
 * the browser keeps across the 303 redirect and never sends to a server.
 */
export interface Landing {
  workshopId: string;
  /** The address without its fragment. */
  path: string;
  key: string | null;
  /** The projector's key, beside a new workshop's facilitator key (`#key=…&screen=…`). */
  screen: string | null;
  token: string | null;
}

export function landingOf(location: string): Landing | null {
  const url = new URL(location, 'http://x');
  const match = /^\/w\/([^/]+)(?:\/facilitate)?$/.exec(url.pathname);
  if (!match) return null;
  const fragment = new URLSearchParams(url.hash.slice(1));
  return {
    workshopId: decodeURIComponent(match[1]!),
    path: url.pathname,
    key: fragment.get('key') || null,
    screen: fragment.get('screen') || null,
    token: fragment.get('token') || null,
  };
}

/** `/w/<id>#token=…`: where a participant lands after joining without scripts. */
export const participantLanding = (workshopId: string, token: string): string =>
  `/w/${encodeURIComponent(workshopId)}#token=${encodeURIComponent(token)}`;

/**
 * `/w/<id>/facilitate#key=…&screen=…`: the console, with the facilitator key to bookmark and the
 * projector's key, which the console keeps for its projector link (as from an invitation).
 */
export const consoleLanding = (workshopId: string, key: string, screen?: string): string =>
  `/w/${encodeURIComponent(workshopId)}/facilitate#key=${encodeURIComponent(key)}${
    screen ? `&screen=${encodeURIComponent(screen)}` : ''
  }`;
