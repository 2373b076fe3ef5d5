import {
  formatMoney,
  PILLAR_LABELS,
  type BudgetSettings,
  type BudgetTotals,
  type Pillar,
  type ShareBounds,
  type ShareIssue,
} from '@plenary/shared';

/** Each pillar keeps one colour everywhere (tokens.css), always beside its name. */
export const pillarColor = (p: Pillar): string => `var(--color-pillar-${p})`;
export const pillarSoft = (p: Pillar): string => `var(--color-pillar-${p}-soft)`;

/** Exercises stored before budgets existed have no `budget` field. */
export const NO_BUDGET: BudgetSettings = { envelope: 0, currency: 'USD', shares: {} };

/** "10–40%", "at least 10%", "at most 40%", or "" when the pillar has no bounds. */
export function boundsText(b: ShareBounds | undefined): string {
  const min = b?.min ?? null;
  const max = b?.max ?? null;
  if (min !== null && max !== null) return `${min}–${max}%`;
  if (min !== null) return `at least ${min}%`;
  if (max !== null) return `at most ${max}%`;
  return '';
}

/** "Protection has 5% of the envelope: below its 10% minimum." */
export function shareIssueText(i: ShareIssue): string {
  return `${PILLAR_LABELS[i.pillar]} has ${i.share}% of the envelope: ${
    i.kind === 'below-min' ? `below its ${i.bound}% minimum` : `above its ${i.bound}% maximum`
  }.`;
}

/** The one sentence that says where the group stands against its envelope. */
export function standingText(t: BudgetTotals, settings: BudgetSettings): string {
  if (t.over) return `Over budget by ${formatMoney(-t.remaining, settings.currency)}`;
  if (t.remaining === 0 && t.total > 0) return 'The whole envelope is allocated';
  return `${formatMoney(t.remaining, settings.currency)} left to allocate`;
}
