import {
  BASE_LOCALE,
  PILLARS,
  formatMoney,
  type BudgetSettings,
  type BudgetTotals,
  type Locale,
  type Pillar,
  type ShareBounds,
  type ShareIssue,
} from '@plenary/shared';
import type { ShareBar } from '$lib/components/ShareBars.svelte';
import { formatCurrency } from '$lib/i18n/intl';
import { getLocale } from '$lib/i18n/messages.svelte';
import { m } from '$lib/paraglide/messages';

/** Each pillar keeps one colour everywhere (tokens.css), always beside its name. */
export const pillarColor = (p: Pillar): string => `var(--color-pillar-${p})`;
export const pillarSoft = (p: Pillar): string => `var(--color-pillar-${p}-soft)`;

/** Exercises stored before budgets existed have no settings. */
export const NO_BUDGET: BudgetSettings = { envelope: 0, currency: 'USD', shares: {} };

const PILLAR_NAMES: Record<Pillar, () => string> = {
  prevention: m.budget_pillar_prevention,
  protection: m.budget_pillar_protection,
  prosecution: m.budget_pillar_prosecution,
  partnership: m.budget_pillar_partnership,
  monitoring: m.budget_pillar_monitoring,
};

/** A pillar's name in the page's language (shared's PILLAR_LABELS stay English). */
export const pillarLabel = (p: Pillar): string => PILLAR_NAMES[p]();

/** An amount in its currency: "USD 2,500" in English (as the report writes it), Intl elsewhere. */
export function money(amount: number, currency: string, locale: Locale = getLocale()): string {
  return locale === BASE_LOCALE
    ? formatMoney(amount, currency)
    : formatCurrency(locale, amount, currency);
}

/** "10–40%", "at least 10%", "at most 40%", or "" when the pillar has no bounds. */
export function boundsText(b: ShareBounds | undefined): string {
  const min = b?.min ?? null;
  const max = b?.max ?? null;
  if (min !== null && max !== null) return m.budget_bounds_range({ min, max });
  if (min !== null) return m.budget_bounds_min({ min });
  if (max !== null) return m.budget_bounds_max({ max });
  return '';
}

/** "Protection has 5% of the envelope: below its 10% minimum." */
export function shareIssueText(i: ShareIssue): string {
  const inputs = { pillar: pillarLabel(i.pillar), share: i.share, bound: i.bound };
  return i.kind === 'below-min' ? m.budget_issue_below(inputs) : m.budget_issue_above(inputs);
}

/** The one sentence that says where the group stands against its envelope (in `locale`). */
export function standingText(
  t: BudgetTotals,
  settings: BudgetSettings,
  locale: Locale = getLocale(),
): string {
  const amount = (n: number) => ({ amount: money(n, settings.currency, locale) });
  if (t.over) return m.budget_over(amount(-t.remaining), { locale });
  if (t.remaining === 0 && t.total > 0) return m.budget_all_allocated({}, { locale });
  return m.budget_left(amount(t.remaining), { locale });
}

/** The chart's bars of a budget's totals: each pillar's share, its bounds, and whether it is off. */
export function pillarBars(totals: BudgetTotals, settings: BudgetSettings): ShareBar[] {
  return PILLARS.map((p) => ({
    key: p,
    label: pillarLabel(p),
    share: totals.shares[p],
    color: pillarColor(p),
    min: settings.shares[p]?.min ?? null,
    max: settings.shares[p]?.max ?? null,
    flagged: totals.shareIssues.some((i) => i.pillar === p),
  }));
}
