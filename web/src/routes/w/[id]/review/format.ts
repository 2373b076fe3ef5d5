import type { Group } from '@plenary/shared';
import { formatFixed } from '$lib/i18n/intl';
import { getLocale } from '$lib/i18n/messages.svelte';
import { m } from '$lib/paraglide/messages';

/** A mean to one decimal, always with the decimal ("4.0"), or "–" when there is none. */
export const score = (n: number | null): string =>
  n === null ? '–' : formatFixed(getLocale(), n, 1);

/** A self-minus-peers gap with its sign ("+1.0", "−0.5", "0.0"). */
export function gapText(gap: number | null): string {
  if (gap === null) return '–';
  const rounded = Math.round(gap * 10) / 10;
  if (rounded === 0) return score(0);
  return `${rounded > 0 ? '+' : '−'}${score(Math.abs(rounded))}`;
}

/** "2–5", or "4" when every peer gave the same score. */
export const range = (min: number | null, max: number | null): string =>
  min === null || max === null ? '–' : min === max ? String(min) : `${min}–${max}`;

export const groupNamer =
  (groups: readonly Group[]) =>
  (id: string | null): string =>
    groups.find((g) => g.id === id)?.name ?? m.rv_a_group();
