/** The facilitation team: the workshop's creator (its owner) and the people they invited. */

export const TEAM_ROLES = ['facilitator', 'moderator'] as const;
/** A facilitator runs everything the owner does but the team; a moderator handles questions only. */
export type TeamRole = (typeof TEAM_ROLES)[number];

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  facilitator: 'Co-facilitator',
  moderator: 'Moderator (questions only)',
};

export interface TeamMember {
  id: string;
  name: string;
  role: TeamRole;
  /** sha256 of the member's key; the key itself is never stored. */
  keyHash: string;
  invitedAt: number;
}

/** One line of "who did what": the name is kept as it was, so a revoked member stays credited. */
export interface ActivityEntry {
  at: number;
  /** The member who acted, or null for the owner. */
  by: string | null;
  byName: string;
  action: string;
}

export interface Team {
  /** How the owner appears in the activity log. */
  ownerName: string;
  members: TeamMember[];
  /** Newest last, at most TEAM_LOG_MAX entries. */
  log: ActivityEntry[];
}

export const TEAM_MAX_MEMBERS = 20;
export const TEAM_LOG_MAX = 300;
export const DEFAULT_OWNER_NAME = 'Lead facilitator';

/** What the console shows of the team: never key hashes. */
export interface TeamMemberView {
  id: string;
  name: string;
  role: TeamRole;
  invitedAt: number;
  online: boolean;
}

export interface TeamView {
  ownerName: string;
  ownerOnline: boolean;
  members: TeamMemberView[];
  log: ActivityEntry[];
}
