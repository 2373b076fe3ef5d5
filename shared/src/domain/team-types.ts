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
  /** In English, as it was logged (entries logged before `what` existed have only this). */
  action: string;
  what?: ActivityWhat;
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
export interface TeamMemberView extends Omit<TeamMember, 'keyHash'> {
  online: boolean;
}

export interface TeamView {
  ownerName: string;
  ownerOnline: boolean;
  members: TeamMemberView[];
  log: ActivityEntry[];
}

/**
 * What a logged action was, as data: each screen words it in its reader's language (the console's
 * team log, the report), and `activityText` in English for the Markdown report. Names and titles
 * are kept as they were when it happened.
 */
export type ActivityWhat =
  | { did: 'activity.current' | 'activity.moved'; title: string }
  | {
      did:
        | 'activity.ended'
        | 'screen.activity'
        | 'screen.question'
        | 'breakout.opened'
        | 'breakout.closed'
        | 'gallery.opened'
        | 'gallery.closed'
        | 'review.shared'
        | 'review.hidden'
        | 'key.screen'
        | 'key.own';
    }
  | { did: 'timer.started'; minutes: number }
  | {
      did:
        | 'participant.removed'
        | 'team.invitedCoFacilitator'
        | 'team.invitedModerator'
        | 'team.revoked'
        | 'key.member';
      name: string;
    }
  | {
      did:
        | 'poll.reset'
        | 'poll.launched'
        | 'poll.closed'
        | 'poll.shown'
        | 'poll.hidden'
        | 'screen.poll';
      poll: string;
    }
  | { did: 'question.reopened' | 'question.answered' | 'question.hidden'; question: string }
  | { did: 'screen.artifact' | 'artifact.locked' | 'artifact.unlocked'; group: string }
  | {
      did:
        | 'screen.exercise'
        | 'screen.review'
        | 'exercise.revealed'
        | 'exercise.hidden'
        | 'review.opened';
      exercise: string;
    }
  | { did: 'groups.byCountry' | 'groups.random'; count: number }
  | { did: 'exercise.launched'; title: string; count: number };

export type ActivityDid = ActivityWhat['did'];
