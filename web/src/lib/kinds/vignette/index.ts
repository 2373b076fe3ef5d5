import { m } from '$lib/paraglide/messages';
import type { KindView } from '../kind-view';

/** A case told in stages the facilitator reveals; the group ticks indicators and refers. */
export const vignetteView: KindView<'vignette'> = {
  label: m.group_kind_vignette,
  needsExercise: true,
  notShared: m.group_doc_not_shared_work,
  editor: () => import('./Editor.svelte'),
  parts: () => import('./parts'),
};
