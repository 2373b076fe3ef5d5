import { m } from '$lib/paraglide/messages';
import type { KindView } from '../kind-view';

/** A fixed envelope shared across the four P's, line by line. */
export const budgetView: KindView<'budget'> = {
  label: m.group_kind_budget,
  needsExercise: true,
  notShared: m.group_doc_not_shared_budget,
  editor: () => import('./Editor.svelte'),
  parts: () => import('./parts'),
};
