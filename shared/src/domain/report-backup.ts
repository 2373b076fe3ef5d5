import { DEFAULT_COUNTRY_NAMES } from '../country-display.js';
import { followUpOf } from './followup.js';
import type { Participant, Workshop } from './types.js';
import { deletionDueAt, type NewWorkshopSecrets } from './workshop.js';

/**
 * A workshop backup: its whole state without its secrets, and every group document's Yjs state.
 * Restoring one makes a new workshop (new id, join code and keys; new participant tokens) with
 * the same agenda, people, polls, groups and documents. Pure: the server does the I/O.
 */

export const BACKUP_FORMAT = 'plenary-workshop-backup';
export const BACKUP_VERSION = 1;

export type BackupParticipant = Omit<Participant, 'tokenHash'>;

/** The workshop without its id, join code and the hashes of its keys and tokens. */
export type BackupWorkshop = Omit<
  Workshop,
  'id' | 'joinCode' | 'facilitatorKeyHash' | 'screenKeyHash' | 'participants' | 'team'
> & { participants: BackupParticipant[] };

export interface BackupDocument {
  artifactId: string;
  /** The document's whole state as one Yjs update, base64. */
  state: string;
}

export interface WorkshopBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO time of the export. */
  exportedAt: string;
  workshop: BackupWorkshop;
  documents: BackupDocument[];
}

export function workshopBackup(
  w: Workshop,
  documents: BackupDocument[],
  now: number,
): WorkshopBackup {
  const {
    id: _id,
    joinCode: _joinCode,
    facilitatorKeyHash: _f,
    screenKeyHash: _s,
    // The team's keys are this copy's: a restored workshop gets new ones, and nobody else.
    team: _team,
    participants,
    ...rest
  } = w;
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    workshop: {
      ...rest,
      // Fields that workshops stored by earlier versions lack, at their defaults.
      galleryOpen: w.galleryOpen ?? false,
      retentionDays: w.retentionDays ?? null,
      countryNames: w.countryNames ?? DEFAULT_COUNTRY_NAMES,
      followUp: followUpOf(w),
      reviews: w.reviews ?? [],
      participants: participants.map(({ tokenHash: _t, ...p }) => p),
    },
    documents,
  };
}

export interface RestoreSecrets extends NewWorkshopSecrets {
  /** The hash of each participant's new token, by participant id. */
  tokenHashes: Readonly<Record<string, string>>;
}

/**
 * The new workshop a (parsed, checked) backup restores to. Ids inside the workshop are kept, so
 * groups, ballots and documents still point at the right people and artifacts. What changes is
 * said in `notes`, for the facilitator.
 */
export function restoreWorkshop(
  b: BackupWorkshop,
  secrets: RestoreSecrets,
  now: number,
): { workshop: Workshop; notes: RestoreNote[] } {
  const notes: RestoreNote[] = [];
  const { tokenHashes, ...ids } = secrets;
  // New tokens give new anonymous ballot keys: a participant could vote a second time.
  const reopened = b.polls.filter((p) => p.anonymous && p.state === 'open');
  if (reopened.length > 0)
    notes.push({
      code: 'anonymous_polls_closed',
      count: reopened.length,
      text: `${reopened.length === 1 ? 'One anonymous poll was' : `${reopened.length} anonymous polls were`} open: restored closed, so nobody votes twice.`,
    });
  const targetExists = (() => {
    const p = b.projection;
    switch (p.kind) {
      case 'activity':
        return true;
      case 'poll':
        return b.polls.some((x) => x.id === p.pollId);
      case 'question':
        return b.questions.some((x) => x.id === p.questionId);
      case 'artifact':
        return b.artifacts.some((x) => x.id === p.artifactId);
      case 'exercise':
      case 'review':
        return b.exercises.some((x) => x.id === p.exerciseId);
    }
  })();
  let workshop: Workshop = {
    ...b,
    ...ids,
    participants: b.participants.map((p) => ({ ...p, tokenHash: tokenHashes[p.id] ?? '' })),
    polls: b.polls.map((p) =>
      p.anonymous && p.state === 'open' ? { ...p, state: 'closed' as const } : p,
    ),
    projection: targetExists ? b.projection : { kind: 'activity' },
  };
  const due = deletionDueAt(workshop);
  if (due !== null && due <= now) {
    workshop = { ...workshop, retentionDays: null };
    notes.push({
      code: 'retention_off',
      text: 'Its retention period was already over, so it would have been deleted at once: retention is off now. Set it again in the workshop settings.',
    });
  }
  return { workshop, notes };
}

/** Something a restore changed: `text` in English, `code` (and `count`) for other languages. */
export type RestoreNote =
  | { code: 'anonymous_polls_closed'; count: number; text: string }
  | { code: 'retention_off'; text: string };
