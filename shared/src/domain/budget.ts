import { PILLARS, type BudgetSettings, type Pillar } from './group-types.js';

/** A budget line, as the group co-edits it (Yjs model in `kinds/budget/document.ts`). Pure. */
export interface BudgetLine {
  id: string;
  pillar: Pillar;
  description: string;
  /** Whole units of the envelope's currency; never negative. */
  amount: number;
  /** One line: why this money here. */
  justification: string;
  notes: string;
}

export interface ShareIssue {
  pillar: Pillar;
  /** Percent of the envelope, rounded to one decimal. */
  share: number;
  bound: number;
  kind: 'below-min' | 'above-max';
}

export interface BudgetTotals {
  byPillar: Record<Pillar, number>;
  /** Share of the envelope per pillar, in percent (0 when the envelope is 0). */
  shares: Record<Pillar, number>;
  total: number;
  /** Envelope minus total: negative when over budget. */
  remaining: number;
  over: boolean;
  shareIssues: ShareIssue[];
  /** Lines with an amount but no justification. */
  unjustified: string[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A safe amount: finite, not negative, whole. Anything else counts as 0. */
export const cleanAmount = (n: unknown): number =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : 0;

export function budgetTotals(lines: readonly BudgetLine[], settings: BudgetSettings): BudgetTotals {
  const byPillar = Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<Pillar, number>;
  for (const l of lines) byPillar[l.pillar] += cleanAmount(l.amount);
  const total = PILLARS.reduce((sum, p) => sum + byPillar[p], 0);
  const shares = Object.fromEntries(
    PILLARS.map((p) => [
      p,
      settings.envelope > 0 ? round1((byPillar[p] / settings.envelope) * 100) : 0,
    ]),
  ) as Record<Pillar, number>;
  const shareIssues: ShareIssue[] = [];
  for (const p of PILLARS) {
    const bounds = settings.shares[p];
    if (!bounds) continue;
    if (bounds.min !== null && shares[p] < bounds.min)
      shareIssues.push({ pillar: p, share: shares[p], bound: bounds.min, kind: 'below-min' });
    if (bounds.max !== null && shares[p] > bounds.max)
      shareIssues.push({ pillar: p, share: shares[p], bound: bounds.max, kind: 'above-max' });
  }
  const remaining = settings.envelope - total;
  return {
    byPillar,
    shares,
    total,
    remaining,
    over: remaining < 0,
    shareIssues,
    unjustified: lines
      .filter((l) => cleanAmount(l.amount) > 0 && l.justification.trim() === '')
      .map((l) => l.id),
  };
}

/** "USD 12,500": amounts in the envelope's currency, grouped for reading. */
export function formatMoney(amount: number, currency: string): string {
  const sign = amount < 0 ? '−' : '';
  return `${currency} ${sign}${Math.abs(Math.round(amount)).toLocaleString('en-US')}`;
}
