import { m } from '$lib/paraglide/messages';
import type { KindView } from '../kind-view';

/** A referral network: agencies, who refers a victim to whom, and its gaps. */
export const mapView: KindView<'map'> = {
  label: m.group_kind_map,
  needsExercise: false,
  notShared: m.group_doc_not_shared_work,
  editor: () => import('./Editor.svelte'),
  loading: m.group_doc_loading_map,
  parts: () => import('./parts'),
};
