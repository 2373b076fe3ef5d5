import {
  BudgetSettingsSchema,
  PILLARS,
  type BudgetSettings,
  type Failure,
  type Pillar,
} from '@plenary/shared';
import { m } from '$lib/paraglide/messages';

/** The budget fields as typed: text, so that an empty field stays empty rather than 0. */
export interface BudgetDraft {
  envelope: string;
  currency: string;
  shares: Record<Pillar, { min: string; max: string }>;
}

/** Errors keyed by `envelope`, `currency`, `shares` (all bounds) or `shares.<pillar>`. */
export type BudgetErrors = Record<string, string>;

export const emptyDraft = (): BudgetDraft => ({
  envelope: '',
  currency: 'USD',
  shares: Object.fromEntries(
    PILLARS.map((p) => [p, { min: '', max: '' }]),
  ) as BudgetDraft['shares'],
});

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export const draftOf = (s: BudgetSettings): BudgetDraft => ({
  envelope: String(s.envelope),
  currency: s.currency,
  shares: Object.fromEntries(
    PILLARS.map((p) => [p, { min: text(s.shares[p]?.min), max: text(s.shares[p]?.max) }]),
  ) as BudgetDraft['shares'],
});

/** A number input binds a number, or null when empty; a text one binds a string. */
const num = (v: unknown): number | null => {
  const s = String(v ?? '').trim();
  return s === '' ? null : Number(s.replaceAll(',', ''));
};

/** What to send: only the pillars with a bound. Not yet checked. */
export function settingsInput(d: BudgetDraft): unknown {
  const shares: Record<string, { min: number | null; max: number | null }> = {};
  for (const p of PILLARS) {
    const min = num(d.shares[p].min);
    const max = num(d.shares[p].max);
    if (min !== null || max !== null) shares[p] = { min, max };
  }
  return { envelope: num(d.envelope) ?? Number.NaN, currency: d.currency, shares };
}

/** Where an issue belongs: `shares.protection.min` shows beside protection's row. */
function errorKey(path: ReadonlyArray<PropertyKey>): string {
  const [first, pillar] = path.map(String);
  if (first === 'shares' && pillar) return `shares.${pillar}`;
  return first ?? 'form';
}

/** Checks the draft with the same schema the server uses; errors beside their fields. */
export function parseDraft(
  d: BudgetDraft,
): { ok: true; settings: BudgetSettings } | { ok: false; errors: BudgetErrors } {
  const parsed = BudgetSettingsSchema.safeParse(settingsInput(d));
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: BudgetErrors = {};
  if (String(d.envelope ?? '').trim() === '') errors.envelope = m.console_groups_set_envelope();
  for (const issue of parsed.error.issues) errors[errorKey(issue.path)] ??= issue.message;
  return { ok: false, errors };
}

/** A refused command's error, beside its field: the server names it `budget.envelope` etc. */
export function errorsOfFailure(f: Failure): BudgetErrors {
  const field = f.field?.replace(/^budget\.?/, '') ?? '';
  const message = f.message.replace(/^[\w.]+: /, '');
  const key = field ? errorKey(field.split('.')) : 'form';
  const known = key === 'envelope' || key === 'currency' || key.startsWith('shares');
  return { [known ? key : 'form']: message };
}
