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
    token: fragment.get('token') || null,
  };
}

/** `/w/<id>#token=…`: where a participant lands after joining without scripts. */
export const participantLanding = (workshopId: string, token: string): string =>
  `/w/${encodeURIComponent(workshopId)}#token=${encodeURIComponent(token)}`;

/** `/w/<id>/facilitate#key=…`: the console, with the facilitator key to bookmark. */
export const consoleLanding = (workshopId: string, key: string): string =>
  `/w/${encodeURIComponent(workshopId)}/facilitate#key=${encodeURIComponent(key)}`;
