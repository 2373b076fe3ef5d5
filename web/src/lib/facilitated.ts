import { facilitatorKey, readJson, writeJson } from './storage';

/**
 * The workshops this browser facilitates, for the home page's "Your workshops": what the console
 * last saw of each (title, dates, role), kept in localStorage next to the keys. Nothing here is
 * secret; the keys stay where they are (storage.ts).
 */

export type FacilitatedRole = 'owner' | 'facilitator' | 'moderator';

export interface FacilitatedWorkshop {
  id: string;
  title: string;
  startsOn: string | null;
  endsOn: string | null;
  role: FacilitatedRole;
  /** When this browser last opened its console (ms). */
  openedAt: number;
}

const REGISTRY = 'plenary:facilitated';
/** Workshops whose console should offer "Keep this link" on its next load. */
const KEEP = 'plenary:keep-link';

export const ROLE_LABELS: Record<FacilitatedRole, string> = {
  owner: 'Lead facilitator',
  facilitator: 'Co-facilitator',
  moderator: 'Moderator',
};

const registry = (): Record<string, FacilitatedWorkshop> =>
  readJson<Record<string, FacilitatedWorkshop>>(REGISTRY) ?? {};

/** Whether this browser had opened the workshop's console before. */
export const knownHere = (id: string): boolean => id in registry();

export function rememberWorkshop(w: FacilitatedWorkshop): void {
  writeJson(REGISTRY, { ...registry(), [w.id]: w });
}

export function forgetWorkshop(id: string): void {
  const { [id]: _gone, ...rest } = registry();
  writeJson(REGISTRY, rest);
}

/**
 * The workshops whose key this browser holds, newest first. A key kept before this list existed
 * still shows, without a title.
 */
export function facilitatedWorkshops(): FacilitatedWorkshop[] {
  const known = registry();
  const ids = new Set(Object.keys(known));
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const match = /^plenary:facilitator:(.+)$/.exec(localStorage.key(i) ?? '');
      if (match?.[1]) ids.add(match[1]);
    }
  } catch {
    // Storage disabled: only what the registry read gave.
  }
  return [...ids]
    .filter((id) => facilitatorKey.get(id))
    .map(
      (id) =>
        known[id] ?? {
          id,
          title: '',
          startsOn: null,
          endsOn: null,
          role: 'owner' as const,
          openedAt: 0,
        },
    )
    .sort((a, b) => b.openedAt - a.openedAt);
}

export const keepLinkStep = {
  pending: (id: string): boolean => (readJson<string[]>(KEEP) ?? []).includes(id),
  ask: (id: string) => writeJson(KEEP, [...new Set([...(readJson<string[]>(KEEP) ?? []), id])]),
  done: (id: string) =>
    writeJson(
      KEEP,
      (readJson<string[]>(KEEP) ?? []).filter((x) => x !== id),
    ),
};

/** The console's address with a key: the only way back in, so people keep it. */
export const consoleUrl = (origin: string, workshopId: string, key: string): string =>
  `${origin}/w/${encodeURIComponent(workshopId)}/facilitate#key=${encodeURIComponent(key)}`;

/**
 * A small HTML file that opens the link (double-click it), with the link written out too: kept in
 * Downloads or sent to oneself, it outlives the browser's storage.
 */
export function linkFile(title: string, url: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>${esc(title)}: facilitator link</title>
<meta http-equiv="refresh" content="0; url=${esc(url)}">
<p>Facilitator console of <strong>${esc(title)}</strong>:</p>
<p><a href="${esc(url)}">${esc(url)}</a></p>
<p>Keep this file private: whoever has this link can run the workshop.</p>
</html>
`;
}

/** A file name from a title: letters, digits and dashes. */
export const linkFileName = (title: string): string =>
  `${
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'workshop'
  }-facilitator-link.html`;
