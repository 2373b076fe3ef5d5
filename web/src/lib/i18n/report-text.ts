import type { PlanCounts } from '@plenary/shared';
import { m } from '$lib/paraglide/messages';
import { formatDay, formatFixed, formatPercent } from './intl';
import { getLocale } from './messages.svelte';

/**
 * The figures of peer review, follow-up and the report in the page's language: the shared
 * domain's report-format.ts keeps the English of the Markdown report.
 */

/** "2 done · 1 in progress · 0 planned", or "no objectives". */
export const countsText = (c: PlanCounts): string =>
  c.total === 0
    ? m.rv_counts_none()
    : m.rv_counts({ done: c.done, inProgress: c.inProgress, planned: c.planned });

/** A day from an ISO date or a timestamp (UTC), in the page's language. */
export const dayText = (date: string | number): string =>
  formatDay(
    getLocale(),
    typeof date === 'number' ? new Date(date).toISOString().slice(0, 10) : date.slice(0, 10),
  );

/** A score or mean to one decimal ("4.0"), or "—". */
export const scoreText = (n: number | null): string =>
  n === null ? '—' : formatFixed(getLocale(), n, 1);

/** A share correct as a whole percentage, or "—". */
export const percentText = (share: number | null): string =>
  share === null ? '—' : formatPercent(getLocale(), Math.round(share * 100) / 100);

/** "+12 points", "−5 points": the change in share correct, in percentage points. */
export function gainText(gain: number | null): string {
  if (gain === null) return '—';
  const points = Math.round(gain * 100);
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  return m.rp_gain_points({ sign, points: Math.abs(points) });
}

/** "45 min", "1 h 30 min", with a sign when negative. */
export function minutesText(n: number): string {
  const sign = n < 0 ? '−' : '';
  const abs = Math.abs(n);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  const text =
    hours === 0
      ? m.rp_minutes({ minutes })
      : minutes === 0
        ? m.rp_hours({ hours })
        : m.rp_hours_minutes({ hours, minutes });
  return `${sign}${text}`;
}
