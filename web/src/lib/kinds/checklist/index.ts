import { m } from '$lib/paraglide/messages';
import type { KindView } from '../kind-view';

/** Indicators to tick, in sections, from a template (identification, referral readiness). */
export const checklistView: KindView<'checklist'> = {
  label: m.group_kind_checklist,
  needsExercise: false,
  notShared: m.group_doc_not_shared_work,
  editor: () => import('./Editor.svelte'),
  parts: () => import('./parts'),
};
