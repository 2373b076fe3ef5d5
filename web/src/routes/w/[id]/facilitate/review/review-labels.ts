import type { ReviewMode } from '@plenary/shared';
import { m } from '$lib/paraglide/messages';

/** Who rates, in the console's language (shared's REVIEW_MODE_LABELS stay English, as the
 * report page's rp_mode_* messages are these same words). */
const MODES: Record<ReviewMode, () => string> = {
  participant: m.rp_mode_participant,
  group: m.rp_mode_group,
};

export const reviewModeLabel = (mode: ReviewMode): string => MODES[mode]();
