import type { ActivityKind, Locale, PollKind } from '@plenary/shared';
import { m } from '$lib/paraglide/messages';

/** Names of the shared domain's kinds, in the page's language (shared's tables stay English). */
const ACTIVITY_KINDS: Record<
  ActivityKind,
  (inputs?: object, options?: { locale?: Locale }) => string
> = {
  talk: m.kind_talk,
  discussion: m.kind_discussion,
  poll: m.kind_poll,
  'group-work': m.kind_group_work,
  'peer-review': m.kind_peer_review,
  break: m.kind_break,
};

const POLL_KINDS: Record<PollKind, () => string> = {
  single: m.pollkind_single,
  multiple: m.pollkind_multiple,
  scale: m.pollkind_scale,
  ranking: m.pollkind_ranking,
  open: m.pollkind_open,
  quiz: m.pollkind_quiz,
  points: m.pollkind_points,
};

/** An activity's kind, in the page's language or in `locale` (the projector speaks two). */
export const activityKindLabel = (kind: ActivityKind, locale?: Locale): string =>
  ACTIVITY_KINDS[kind]({}, { locale });
export const pollKindLabel = (kind: PollKind): string => POLL_KINDS[kind]();
