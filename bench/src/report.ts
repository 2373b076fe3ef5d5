import { cpus, loadavg } from 'node:os';

export interface Goal {
  op: '<=' | '>=' | '==';
  value: number;
  /** What the goal applies to: our figure (default) or our figure over each baseline's. */
  on?: 'ours' | 'ratio';
}

export interface Row {
  scenario: string;
  metric: string;
  unit: string;
  ours: number | null;
  /** Same load against other servers, by name. */
  baselines?: Record<string, number | null>;
  goals?: Goal[];
  note?: string;
}

export interface ResolvedRow extends Row {
  ratios: Record<string, number | null>;
  met: boolean | null;
}

const check = (v: number | null, g: Goal) =>
  v === null || !Number.isFinite(v)
    ? false
    : g.op === '<='
      ? v <= g.value
      : g.op === '>='
        ? v >= g.value
        : v === g.value;

export function resolve(row: Row): ResolvedRow {
  const ratios: Record<string, number | null> = {};
  for (const [name, v] of Object.entries(row.baselines ?? {}))
    ratios[name] = row.ours !== null && v !== null && v > 0 ? row.ours / v : null;
  let met: boolean | null = null;
  for (const g of row.goals ?? []) {
    const ok =
      g.on === 'ratio' ? Object.values(ratios).every((r) => check(r, g)) : check(row.ours, g);
    met = (met ?? true) && ok;
  }
  return { ...row, ratios, met };
}

export function format(v: number | null, unit: string): string {
  if (v === null || Number.isNaN(v)) return '–';
  if (unit === 'count' || unit === '') return String(Math.round(v));
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`;
}

const goalText = (g: Goal, unit: string) =>
  `${g.on === 'ratio' ? 'ratio ' : ''}${g.op === '<=' ? '≤' : g.op === '>=' ? '≥' : '='} ${
    g.on === 'ratio' ? g.value : format(g.value, unit)
  }`;

/** The results table as Markdown (printed, and pasted into the README). */
export function table(rows: ResolvedRow[]): string {
  const head = ['scenario', 'metric', 'ours', 'baseline(s)', 'ratio', 'goal', 'met'];
  const body = rows.map((r) => [
    r.scenario,
    r.metric,
    format(r.ours, r.unit),
    Object.entries(r.baselines ?? {})
      .map(([n, v]) => `${n} ${format(v, r.unit)}`)
      .join(', ') || '–',
    Object.entries(r.ratios)
      .map(([, v]) => (v === null ? '–' : v.toFixed(2)))
      .join(' / ') || '–',
    (r.goals ?? []).map((g) => goalText(g, r.unit)).join('; ') || '–',
    r.met === null ? '–' : r.met ? 'yes' : '**no**',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
