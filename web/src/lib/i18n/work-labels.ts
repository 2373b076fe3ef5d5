import type { Locale, PlanItem } from '@plenary/shared';
import { PRACTICE_SECTIONS, type PracticeSection, type SmartPart } from '@plenary/shared/docs';
import { m } from '$lib/paraglide/messages';
import { getLocale } from './messages.svelte';

const STATUSES: Record<PlanItem['status'], () => string> = {
  planned: m.plan_status_planned,
  'in-progress': m.plan_status_in_progress,
  done: m.plan_status_done,
};

const SMART: Record<SmartPart, () => string> = {
  specific: m.plan_smart_specific,
  measurable: m.plan_smart_measurable,
  achievable: m.plan_smart_achievable,
  relevant: m.plan_smart_relevant,
  'time-bound': m.plan_smart_time_bound,
};

const SECTIONS: Record<PracticeSection, (i: object, o: { locale: Locale }) => string> = {
  name: m.practice_name,
  problem: m.practice_problem,
  action: m.practice_action,
  actors: m.practice_actors,
  resources: m.practice_resources,
  results: m.practice_results,
  evidence: m.practice_evidence,
  lessons: m.practice_lessons,
};

export const planStatusLabel = (status: PlanItem['status']): string => STATUSES[status]();
export const smartPartLabel = (part: SmartPart): string => SMART[part]();
/** A practice section in the page's language, or in another (a bilingual projector's second). */
export const practiceSectionLabel = (key: PracticeSection, locale: Locale = getLocale()): string =>
  SECTIONS[key]({}, { locale });

/** A practice section named in English (as the report carries it), in the page's language. */
export function practiceSectionFromEnglish(label: string): string {
  const key = PRACTICE_SECTIONS.find((s) => s.label === label)?.key;
  return key ? practiceSectionLabel(key) : label;
}
