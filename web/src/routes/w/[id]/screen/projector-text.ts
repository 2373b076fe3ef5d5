import type { ArtifactKind, Locale } from '@plenary/shared';
import { formatNumber } from '$lib/i18n/intl';
import { m } from '$lib/paraglide/messages';

/** A message in a given language, as InLanguages asks for it. */
export type Say = (locale: Locale) => string;

const KIND_LABELS: Record<ArtifactKind, (i: object, o: { locale: Locale }) => string> = {
  checklist: m.group_kind_checklist,
  'action-plan': m.group_kind_action_plan,
  vignette: m.group_kind_vignette,
  map: m.group_kind_map,
  budget: m.group_kind_budget,
  practice: m.group_kind_practice,
};

/** An exercise's kind ("Checklist", "รายการตรวจสอบ") in a projector language. */
export const kindIn = (kind: ArtifactKind, locale: Locale): string =>
  KIND_LABELS[kind]({}, { locale });

/** "3 of 8" kinds of counts, with both numbers in the language's digits. */
export const counts = (locale: Locale, done: number, total: number) => ({
  done: formatNumber(locale, done),
  total: formatNumber(locale, total),
});

/** What a practice card shows of each write-up, with the section's name in the page's language. */
export const EXCERPTS = [
  { key: 'problem', label: m.practice_problem },
  { key: 'action', label: m.practice_action },
  { key: 'results', label: m.practice_results },
  { key: 'lessons', label: m.practice_lessons },
] as const;
