import {
  ACTIVITY_KIND_LABELS,
  type Activity,
  type AgendaModule,
  type SessionView,
} from '@plenary/shared';

const pluralRules = new Intl.PluralRules('en');

/** The word for `n` of something: "participant" for 1, "participants" for 0, 2 or 1.5. */
export const pluralWord = (n: number, one: string, many = `${one}s`): string =>
  pluralRules.select(n) === 'one' ? one : many;

/** "1 participant", "3 participants": every count in the app's text goes through here. */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${pluralWord(n, one, many)}`;

export const minutes = (n: number): string => plural(n, 'min', 'min');

/** Whole minutes of elapsed time, e.g. "12 min"; under a minute "under 1 min". */
export const elapsed = (ms: number): string =>
  ms < 60_000 ? 'under 1 min' : minutes(Math.floor(ms / 60_000));

export const kindLabel = (a: Pick<Activity, 'kind'>): string => ACTIVITY_KIND_LABELS[a.kind];

/** "last seen just now", "last seen 5 min ago", "not connected yet". */
export function lastSeen(at: number | null, now: number): string {
  if (at === null) return 'not connected yet';
  const mins = Math.floor(Math.max(0, now - at) / 60_000);
  if (mins < 1) return 'last seen just now';
  if (mins < 60) return `last seen ${mins} min ago`;
  return `last seen ${Math.floor(mins / 60)} h ago`;
}

/** "23–27 Nov 2026" style date range, or "" when no dates are set. */
export function dateRange(startsOn: string | null, endsOn: string | null): string {
  const fmt = (s: string) =>
    new Date(`${s}T00:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  if (startsOn && endsOn && startsOn !== endsOn) return `${fmt(startsOn)} – ${fmt(endsOn)}`;
  const one = startsOn ?? endsOn;
  return one ? fmt(one) : '';
}

export interface CurrentPlace {
  module: AgendaModule;
  activity: Activity;
  next: Activity | null;
  previous: Activity | null;
  position: number;
  total: number;
}

/** Where the session is: the current activity, its module, and its neighbours in agenda order. */
export function currentPlace(session: SessionView | null): CurrentPlace | null {
  if (!session?.currentActivityId) return null;
  const order = session.modules.flatMap((m) => m.activities);
  const position = order.findIndex((a) => a.id === session.currentActivityId);
  const activity = order[position];
  const module = session.modules.find((m) => m.activities.some((a) => a.id === activity?.id));
  if (!activity || !module) return null;
  return {
    module,
    activity,
    next: order[position + 1] ?? null,
    previous: order[position - 1] ?? null,
    position: position + 1,
    total: order.length,
  };
}
