import { m } from '$lib/paraglide/messages';
import type { KindView } from '../kind-view';

/** A city's practice written up for peer review. */
export const practiceView: KindView<'practice'> = {
  label: m.group_kind_practice,
  needsExercise: false,
  notShared: m.group_doc_not_shared_work,
  editor: () => import('./Editor.svelte'),
  parts: () => import('./parts'),
};
