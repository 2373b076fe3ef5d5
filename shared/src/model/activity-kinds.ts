export const ACTIVITY_KINDS = [
  'talk',
  'discussion',
  'poll',
  'group-work',
  'peer-review',
  'break',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  talk: 'Talk',
  discussion: 'Discussion',
  poll: 'Poll',
  'group-work': 'Group work',
  'peer-review': 'Peer review',
  break: 'Break',
};
