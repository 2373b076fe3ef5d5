import type { ParticipantProfile } from '@plenary/shared';

/**
 * What this device remembers, in localStorage. Reads and writes never throw: a browser with
 * storage disabled (private mode, full quota) still works for the current page.
 */

const read = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};

const write = (key: string, value: string | null): void => {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage full or disabled: the value lives only as long as the page.
  }
};

export const readJson = <T>(key: string): T | null => {
  const raw = read(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
};

export const writeJson = (key: string, value: unknown): void =>
  write(key, value === null ? null : JSON.stringify(value));

const keys = {
  facilitator: (workshopId: string) => `plenary:facilitator:${workshopId}`,
  screen: (workshopId: string) => `plenary:screen:${workshopId}`,
  participant: (workshopId: string) => `plenary:participant:${workshopId}`,
  participantName: (workshopId: string) => `plenary:participant-name:${workshopId}`,
  profile: 'plenary:profile',
};

export const facilitatorKey = {
  get: (workshopId: string) => read(keys.facilitator(workshopId)),
  set: (workshopId: string, key: string) => write(keys.facilitator(workshopId), key),
  clear: (workshopId: string) => write(keys.facilitator(workshopId), null),
};

export const screenKey = {
  get: (workshopId: string) => read(keys.screen(workshopId)),
  set: (workshopId: string, key: string) => write(keys.screen(workshopId), key),
};

/** The participant's token for a workshop, and the name they joined with ("Continue as …"). */
export const participantToken = {
  get: (workshopId: string) => read(keys.participant(workshopId)),
  name: (workshopId: string) => read(keys.participantName(workshopId)),
  set: (workshopId: string, token: string, name: string) => {
    write(keys.participant(workshopId), token);
    write(keys.participantName(workshopId), name);
  },
  clear: (workshopId: string) => {
    write(keys.participant(workshopId), null);
    write(keys.participantName(workshopId), null);
  },
};

/** The details last typed on this device, to prefill the next join form. */
export type StoredProfile = Pick<
  ParticipantProfile,
  'name' | 'country' | 'city' | 'organisation' | 'role'
>;

export const lastProfile = {
  get: (): StoredProfile | null => readJson<StoredProfile>(keys.profile),
  set: (p: StoredProfile) => writeJson(keys.profile, p),
};

/**
 * `#key=…` from the address bar, if it is showing `path`. (A load function may not read
 * `url.hash`; and during a client-side navigation the address bar still shows the old page.)
 */
export function keyFromHash(path: string): string | null {
  if (typeof location === 'undefined' || location.pathname !== path) return null;
  const key = new URLSearchParams(location.hash.slice(1)).get('key');
  return key && key.length > 0 ? key : null;
}

/**
 * `#token=…` from the address bar, if it is showing `path`: where a participant lands after a join
 * made without scripts (the form action cannot reach localStorage).
 */
export function tokenFromHash(path: string): string | null {
  if (typeof location === 'undefined' || location.pathname !== path) return null;
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  return token && token.includes('.') ? token : null;
}

/** A new #key= pasted into a tab changes only the hash: load the page again to use it. */
export function reloadForNewKey(current: string | null): void {
  const key = keyFromHash(location.pathname);
  if (key && key !== current) location.reload();
}
