import { budgetTotals, formatMoney } from '../../domain/budget.js';
import {
  PILLAR_LABELS,
  PILLARS,
  type BudgetSettings,
  type Pillar,
} from '../../domain/group-types.js';
import { cell, table } from '../../domain/report-format.js';
import type { BudgetLine, BudgetTotals } from '../../domain/budget.js';
import { kindReport } from '../kind.js';
import type { BudgetContent } from './index.js';
import { budgetMeta } from './meta.js';

export interface ReportPillar {
  pillar: Pillar;
  label: string;
  amount: number;
  /** Percent of the envelope. */
  share: number;
  min: number | null;
  max: number | null;
}

export interface BudgetWork {
  settings: BudgetSettings;
  lines: BudgetLine[];
  totals: BudgetTotals;
  pillars: ReportPillar[];
}

/** Exercises stored before budgets existed have no settings: an envelope of 0. */
const NO_BUDGET: BudgetSettings = { envelope: 0, currency: 'USD', shares: {} };

/** What the report says of a group's budget. */
export const budgetReport = kindReport(budgetMeta, {
  label: 'Budget',
  work(content: BudgetContent | undefined, exercise): BudgetWork {
    const lines = content?.lines ?? [];
    const settings = exercise?.budget ?? NO_BUDGET;
    const totals = budgetTotals(lines, settings);
    const pillars = PILLARS.map((p) => ({
      pillar: p,
      label: PILLAR_LABELS[p],
      amount: totals.byPillar[p],
      share: totals.shares[p],
      min: settings.shares[p]?.min ?? null,
      max: settings.shares[p]?.max ?? null,
    }));
    return { settings, lines, totals, pillars };
  },
  markdown(w: BudgetWork) {
    const { settings: s, totals: t } = w;
    const money = (n: number) => formatMoney(n, s.currency);
    const standing = t.over
      ? `over budget by ${money(-t.remaining)}`
      : `${money(t.remaining)} left to allocate`;
    const out = [
      `Envelope ${money(s.envelope)} · allocated ${money(t.total)} · ${standing}.`,
      '',
      table(
        ['Pillar', 'Amount', 'Share', 'Allowed share'],
        w.pillars.map((p) => [
          p.label,
          money(p.amount),
          `${p.share}%`,
          p.min === null && p.max === null
            ? '—'
            : p.min !== null && p.max !== null
              ? `${p.min}–${p.max}%`
              : p.min !== null
                ? `at least ${p.min}%`
                : `at most ${p.max}%`,
        ]),
        ['l', 'r', 'r', 'r'],
      ),
      '',
    ];
    for (const i of t.shareIssues)
      out.push(
        `- ${PILLAR_LABELS[i.pillar]} has ${i.share}% of the envelope: ${i.kind === 'below-min' ? `below its ${i.bound}% minimum` : `above its ${i.bound}% maximum`}.`,
      );
    if (t.shareIssues.length) out.push('');
    if (w.lines.length > 0)
      out.push(
        table(
          ['Line', 'Pillar', 'Amount', 'Justification'],
          w.lines.map((l) => [
            cell(l.description),
            w.pillars.find((p) => p.pillar === l.pillar)?.label ?? l.pillar,
            money(l.amount),
            cell(l.justification),
          ]),
          ['l', 'l', 'r', 'l'],
        ),
        '',
      );
    return out;
  },
});
