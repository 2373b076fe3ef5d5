import { z } from 'zod';
import { EMPTY_FOLLOW_UP } from './domain/followup-types.js';
import { BACKUP_FORMAT, BACKUP_VERSION } from './domain/report-backup.js';
import { REVIEW_LIMITS as R } from './domain/review-types.js';
import { LIMITS as L, ProjectionSchema, projectorLanguages } from './schemas.js';
import { id, int, isoDate, str, time } from './model/fields.js';
import { FollowUpSchema } from './model/followup.js';
import { ArtifactSchema, ExerciseSchema, GroupSchema } from './model/group-work.js';
import { FloorQuestionSchema } from './model/question.js';
import { TimerSchema } from './model/timer.js';
import { PollSchema } from './model/poll.js';
import { ReviewRoundSchema } from './model/review.js';
import { AgendaModuleSchema } from './model/agenda.js';
import { ParticipantSchema } from './model/participant.js';
import { COUNTRY_NAME_STYLES, DEFAULT_COUNTRY_NAMES } from './country-display.js';

/**
 * What an uploaded backup must look like before anything is restored from it: the shape of
 * every part, the same limits as the commands, and that every reference points at something.
 */

/** The largest document state accepted, in base64 characters (5 MB of Yjs state). */
export const MAX_BACKUP_DOCUMENT_CHARS = Math.ceil((5 * 1024 * 1024 * 4) / 3) + 4;

/** A backup's people: no token hash (a restore gives each a new link) and no chosen language. */
const BackupParticipant = ParticipantSchema.omit({ tokenHash: true, language: true });

const BackupWorkshopSchema = z.object({
  title: str(L.title).min(1, { error: 'The workshop has no title' }),
  venue: str(L.venue),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  createdAt: time,
  modules: z.array(AgendaModuleSchema).max(L.modules),
  currentActivityId: id.nullable(),
  timer: TimerSchema,
  timerSound: z.boolean().default(false),
  participants: z.array(BackupParticipant).max(L.participants),
  polls: z.array(PollSchema).max(L.polls),
  questions: z.array(FloorQuestionSchema).max(L.questions),
  projection: ProjectionSchema.default({ kind: 'activity' }),
  groups: z.array(GroupSchema).max(L.groups),
  breakout: z.boolean().default(false),
  exercises: z.array(ExerciseSchema).max(L.exercises).default([]),
  artifacts: z
    .array(ArtifactSchema)
    .max(L.groups * L.exercises)
    .default([]),
  galleryOpen: z.boolean().default(false),
  retentionDays: int.min(0).max(3650).nullable().default(null),
  countryNames: z.enum(COUNTRY_NAME_STYLES).default(DEFAULT_COUNTRY_NAMES),
  projectorLanguages: projectorLanguages.optional(),
  followUp: FollowUpSchema.default(EMPTY_FOLLOW_UP),
  reviews: z.array(ReviewRoundSchema).max(R.rounds).default([]),
});

const BackupDocumentSchema = z.object({
  artifactId: id,
  state: z
    .string()
    .max(MAX_BACKUP_DOCUMENT_CHARS, { error: 'A document is larger than 5 MB' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'A document’s state is not base64' }),
});

type Ctx = z.core.$RefinementCtx<{
  workshop: z.output<typeof BackupWorkshopSchema>;
  documents: Array<z.output<typeof BackupDocumentSchema>>;
}>;

/** Every id unique within its kind, and every reference pointing at something that exists. */
function checkReferences(
  b: {
    workshop: z.output<typeof BackupWorkshopSchema>;
    documents: Array<z.output<typeof BackupDocumentSchema>>;
  },
  ctx: Ctx,
) {
  const w = b.workshop;
  const problem = (path: Array<string | number>, message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const unique = (what: string, path: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const x of ids) {
      if (seen.has(x)) return problem(['workshop', path], `Two ${what} have the same id`);
      seen.add(x);
    }
  };
  const activities = w.modules.flatMap((m) => m.activities.map((a) => a.id));
  const ids = (xs: ReadonlyArray<{ id: string }>) => xs.map((x) => x.id);
  const lists: Array<[what: string, path: string, ids: string[]]> = [
    ['modules', 'modules', ids(w.modules)],
    ['activities', 'modules', activities],
    ['participants', 'participants', ids(w.participants)],
    ['polls', 'polls', ids(w.polls)],
    ['groups', 'groups', ids(w.groups)],
    ['exercises', 'exercises', ids(w.exercises)],
    ['documents', 'artifacts', ids(w.artifacts)],
    ['peer-review rounds', 'reviews', ids(w.reviews)],
  ];
  for (const [what, path, list] of lists) unique(what, path, list);

  if (w.currentActivityId !== null && !activities.includes(w.currentActivityId))
    problem(['workshop', 'currentActivityId'], 'The current activity is not in the agenda');
  const people = new Set(w.participants.map((p) => p.id));
  const grouped = new Set<string>();
  w.groups.forEach((g, i) => {
    for (const m of g.memberIds) {
      if (!people.has(m))
        problem(
          ['workshop', 'groups', i],
          `Group “${g.name}” has a member who is not a participant`,
        );
      if (grouped.has(m)) problem(['workshop', 'groups', i], 'A participant is in two groups');
      grouped.add(m);
    }
  });
  const groups = new Set(w.groups.map((g) => g.id));
  const exercises = new Map(w.exercises.map((e) => [e.id, e.kind]));
  w.artifacts.forEach((a, i) => {
    if (!groups.has(a.groupId) || exercises.get(a.exerciseId) !== a.kind)
      problem(
        ['workshop', 'artifacts', i],
        `The group work “${a.title}” belongs to no group or exercise`,
      );
  });
  w.reviews.forEach((r, i) => {
    if (!exercises.has(r.exerciseId))
      problem(['workshop', 'reviews', i], 'A peer-review round belongs to no exercise');
  });
  const artifacts = new Set(w.artifacts.map((a) => a.id));
  const stored = new Set<string>();
  b.documents.forEach((d, i) => {
    if (!artifacts.has(d.artifactId))
      problem(['documents', i], 'A document belongs to no group work of the workshop');
    if (stored.has(d.artifactId)) problem(['documents', i], 'A document is in the backup twice');
    stored.add(d.artifactId);
  });
}

export const WorkshopBackupSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT, { error: 'This is not a Plenary backup file' }),
    version: z.literal(BACKUP_VERSION, {
      error: 'This backup was made by another version of Plenary',
    }),
    exportedAt: str(40),
    workshop: BackupWorkshopSchema,
    documents: z
      .array(BackupDocumentSchema)
      .max(L.groups * L.exercises)
      .default([]),
  })
  .superRefine(checkReferences);
export type ParsedWorkshopBackup = z.output<typeof WorkshopBackupSchema>;

/**
 * The backup's parts are the model's own schemas (model/); what is written here is the workshop
 * around them, less what a backup leaves out (secrets, the address of one machine, the team and
 * its keys). The compiler checks it against the Workshop type both ways, so a field added to one
 * and not the other does not build, instead of being dropped by a restore.
 */
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Model = import('./domain/types.js').Workshop;
/** A backup's workshop: no keys, code or address; what older records may lack, filled in. */
type BackedUpWorkshop = Flat<
  Omit<
    Model,
    | 'id'
    | 'joinCode'
    | 'facilitatorKeyHash'
    | 'screenKeyHash'
    | 'joinOrigin'
    | 'team'
    | 'participants'
    | 'countryNames'
    | 'followUp'
    | 'reviews'
  > & {
    participants: Array<z.output<typeof BackupParticipant>>;
    countryNames: NonNullable<Model['countryNames']>;
    followUp: NonNullable<Model['followUp']>;
    reviews: NonNullable<Model['reviews']>;
  }
>;
type Flat<T> = { [K in keyof T]: T[K] };
const modelAndBackupAgree: [
  Same<
    z.output<typeof BackupParticipant>,
    Omit<Model['participants'][number], 'tokenHash' | 'language'>
  >,
  Same<z.output<typeof BackupWorkshopSchema>, BackedUpWorkshop>,
] = [true, true];
void modelAndBackupAgree;
