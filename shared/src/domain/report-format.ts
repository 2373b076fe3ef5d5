import type { PlanCounts } from './followup.js';
import { mdInline } from './markdown-escape.js';

/** The report's wording of dates, numbers and tables, shared by its sections. */

/** A table cell of text people typed (never empty, so the row keeps its columns). */
export const cell = (text: string) => mdInline(text) || ' ';

/** A score out of 5 with one decimal, or a dash. */
export const reportScore = (n: number | null): string => (n === null ? '—' : n.toFixed(1));

export function table(head: string[], rows: string[][], align: Array<'l' | 'r'> = []): string {
  const rule = head.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [head, rule, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "23 Nov 2026" from an ISO date or a timestamp (UTC). */
export function reportDate(date: string | number): string {
  const d = typeof date === 'number' ? new Date(date) : new Date(`${date}T00:00:00Z`);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** "45 min", "1 h 30 min". */
export function reportMinutes(n: number): string {
  const sign = n < 0 ? '−' : '';
  const abs = Math.abs(n);
  if (abs < 60) return `${sign}${abs} min`;
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}${h} h${m ? ` ${m} min` : ''}`;
}

export const reportPercent = (share: number | null): string =>
  share === null ? '—' : `${Math.round(share * 100)}%`;

/** "+12 points", "−5 points": the change in share correct, in percentage points. */
export function reportGain(gain: number | null): string {
  if (gain === null) return '—';
  const points = Math.round(gain * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} points`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const countsText = (c: PlanCounts): string =>
  c.total === 0
    ? 'no objectives'
    : `${c.done} done · ${c.inProgress} in progress · ${c.planned} planned`;

export function reportDates(r: { startsOn: string | null; endsOn: string | null }): string {
  if (r.startsOn && r.endsOn && r.startsOn !== r.endsOn)
    return `${reportDate(r.startsOn)} – ${reportDate(r.endsOn)}`;
  const one = r.startsOn ?? r.endsOn;
  return one ? reportDate(one) : '';
}
