import { m } from '$lib/paraglide/messages';
import type { KindView } from '../kind-view';

/** SMART objectives (action, indicator, target, who, by when) and their status. */
export const actionPlanView: KindView<'action-plan'> = {
  label: m.group_kind_action_plan,
  needsExercise: false,
  notShared: m.group_doc_not_shared_work,
  editor: () => import('./Editor.svelte'),
  parts: () => import('./parts'),
};
