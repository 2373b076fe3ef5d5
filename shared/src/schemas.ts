import { z } from 'zod';
import { ACTIVITY_KINDS } from './domain/types.js';
import { POLL_KINDS, RESULTS_PLACES } from './domain/poll-types.js';
import { ARTIFACT_KINDS } from './domain/group-types.js';
import { COUNTRY_CODES } from './countries.js';
import { COUNTRY_NAME_STYLES } from './country-display.js';
import { FollowUpCommandInputs } from './followup-schemas.js';
import { TeamCommandInputs } from './team-schemas.js';
import { REVIEW_LIMITS, REVIEW_MODES, SCORE_MAX, SCORE_MIN } from './domain/review-types.js';
import { LIMITS } from './limits.js';
import { LOCALES, MAX_PROJECTOR_LANGUAGES } from './locales.js';
import { Id, optionalVisibleText, visibleText } from './field-rules.js';
import { AnswerSchema } from './model/answer.js';
import { BudgetSettingsSchema } from './model/budget-settings.js';
import { ProjectionSchema } from './model/projection.js';

export { AnswerSchema, BudgetSettingsSchema, ProjectionSchema };

/**
 * Every inbound payload (REST body, socket command) is parsed here before the domain sees it.
 * Limits live in the schemas. Strings are trimmed; unknown keys are stripped.
 */

const text = visibleText;

/** Optional text at its default (empty) when left out: for what is created, never for a patch. */
const optionalText = (label: string, max: number) => optionalVisibleText(label, max).default('');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date like 2026-11-23' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: 'Not a real date' });

export { LIMITS } from './limits.js';
export { ID_PATTERN, Id, hasVisibleCharacter, stripBidiControls } from './field-rules.js';

export const TEMPLATES = ['blank', 'victim-centred'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

const retentionDays = z
  .number({ error: 'Days must be a number' })
  .int({ error: 'Use whole days' })
  .min(0)
  .max(3650, { error: 'At most 3650 days' });

export const CreateWorkshopInput = z
  .object({
    title: text('Title', LIMITS.title),
    template: z
      .enum(TEMPLATES, { error: 'Template must be "blank" or "victim-centred"' })
      .default('blank'),
    startsOn: isoDate.nullable().default(null),
    endsOn: isoDate.nullable().default(null),
    venue: optionalText('Venue', LIMITS.venue),
    retentionDays: retentionDays.nullable().default(null),
  })
  .refine((w) => !w.startsOn || !w.endsOn || w.endsOn >= w.startsOn, {
    error: 'The last day cannot be before the first day',
    path: ['endsOn'],
  });
export type CreateWorkshopInput = z.infer<typeof CreateWorkshopInput>;

/** Join codes are typed by people: case, spaces and dashes do not matter. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const JoinCode = z
  .string({ error: 'Join code must be text' })
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .length(JOIN_CODE_LENGTH, { error: `A join code has ${JOIN_CODE_LENGTH} characters` })
      .regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]+$`), { error: 'That is not a join code' }),
  );

export const CountryCode = z
  .string({ error: 'Country is required' })
  .trim()
  .toUpperCase()
  .refine((c) => COUNTRY_CODES.includes(c), { error: 'Choose a country from the list' });

const profileFields = {
  name: text('Name', LIMITS.name),
  country: CountryCode,
  city: optionalVisibleText('City', LIMITS.city),
  organisation: optionalVisibleText('Organisation', LIMITS.organisation),
  role: optionalVisibleText('Role', LIMITS.role),
  /** The language the participant reads Plenary in; absent until they choose or join with one. */
  language: z.enum(LOCALES, { error: 'Choose a language from the list' }).optional(),
};
export const ParticipantProfile = z.object({
  ...profileFields,
  city: profileFields.city.default(''),
  organisation: profileFields.organisation.default(''),
  role: profileFields.role.default(''),
});
export type ParticipantProfile = z.infer<typeof ParticipantProfile>;
/** A participant's correction of their profile: only the fields named change. */
const ProfilePatch = z.object(profileFields).partial();

export const JoinInput = ParticipantProfile.extend({ joinCode: JoinCode });
export type JoinInput = z.infer<typeof JoinInput>;

const id = Id;
const index = z.number().int().min(0).max(10_000);
const activityKind = z.enum(ACTIVITY_KINDS, { error: 'Unknown activity kind' });
const plannedMinutes = z
  .number({ error: 'Planned minutes must be a number' })
  .int({ error: 'Planned minutes must be whole minutes' })
  .min(0)
  .max(LIMITS.plannedMinutes);
const durationMs = z.number().int().min(0).max(LIMITS.timerMs);

const pollKind = z.enum(POLL_KINDS, { error: 'Unknown poll kind' });
const pollOptions = z
  .array(
    z.object({
      label: text('Option', LIMITS.optionLabel),
      correct: z.boolean().default(false),
    }),
  )
  .max(LIMITS.pollOptions, { error: `At most ${LIMITS.pollOptions} options` });
const scaleSpec = z.object({
  min: z.number().int().min(0).max(10),
  max: z.number().int().min(1).max(10),
  minLabel: optionalText('Label', 40),
  maxLabel: optionalText('Label', 40),
});
const pollFields = {
  kind: pollKind,
  question: text('Question', LIMITS.pollQuestion),
  options: pollOptions.default([]),
  maxChoices: z.number().int().min(1).max(LIMITS.pollOptions).default(2),
  scale: scaleSpec.default({ min: 1, max: 5, minLabel: 'Not at all', maxLabel: 'Completely' }),
  pointsTotal: z.number().int().min(1).max(1000).default(100),
  anonymous: z.boolean().default(true),
  activityId: id.nullable().optional(),
  checkPhase: z.enum(['pre', 'post']).nullable().optional(),
};

/** Peer review: the criteria of a round, each with what 1, 3 and 5 mean on its scale. */
const reviewCriteria = z
  .array(
    z.object({
      /** An existing criterion's id keeps its scores; a new criterion has none. */
      id: id.optional(),
      label: text('Criterion', REVIEW_LIMITS.criterionLabel),
      description: optionalText('Description', REVIEW_LIMITS.criterionText),
      anchors: z
        .object({
          low: optionalText('What 1 means', REVIEW_LIMITS.criterionText),
          mid: optionalText('What 3 means', REVIEW_LIMITS.criterionText),
          high: optionalText('What 5 means', REVIEW_LIMITS.criterionText),
        })
        .default({ low: '', mid: '', high: '' }),
    }),
  )
  .min(1, { error: 'Choose at least one criterion' })
  .max(REVIEW_LIMITS.criteria, { error: `At most ${REVIEW_LIMITS.criteria} criteria` });

/** `http(s)://host[:port]` and nothing more: where participants join. */
const httpOrigin = z
  .string({ error: 'Give an address such as http://192.168.1.20:3000' })
  .max(200, { error: 'The address is too long' })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return /^https?:$/.test(url.protocol) && url.origin === value;
      } catch {
        return false;
      }
    },
    { error: 'Give an address such as http://192.168.1.20:3000, with nothing after the port' },
  );

/** One or two languages of the app, each once: what the projector shows, first one first. */
export const projectorLanguages = z
  .array(z.enum(LOCALES, { error: 'Choose a language from the list' }))
  .min(1, { error: 'Choose at least one language for the projector' })
  .max(MAX_PROJECTOR_LANGUAGES, {
    error: `At most ${MAX_PROJECTOR_LANGUAGES} languages on the projector`,
  })
  .refine((list) => new Set(list).size === list.length, {
    error: 'Choose two different languages',
  });

export const CommandInputs = {
  'workshop.update': z.object({
    title: text('Title', LIMITS.title).optional(),
    venue: optionalVisibleText('Venue', LIMITS.venue).optional(),
    startsOn: isoDate.nullable().optional(),
    endsOn: isoDate.nullable().optional(),
    timerSound: z.boolean().optional(),
    retentionDays: retentionDays.nullable().optional(),
    joinOrigin: httpOrigin.nullable().optional(),
    countryNames: z.enum(COUNTRY_NAME_STYLES).optional(),
    projectorLanguages: projectorLanguages.optional(),
  }),
  'module.add': z.object({ title: text('Module title', LIMITS.title), index: index.optional() }),
  'module.update': z.object({ moduleId: id, title: text('Module title', LIMITS.title) }),
  'module.move': z.object({ moduleId: id, toIndex: index }),
  'module.delete': z.object({ moduleId: id }),
  'activity.add': z.object({
    moduleId: id,
    title: text('Activity title', LIMITS.title),
    kind: activityKind.default('talk'),
    plannedMinutes: plannedMinutes.default(30),
    index: index.optional(),
  }),
  'activity.update': z.object({
    activityId: id,
    title: text('Activity title', LIMITS.title).optional(),
    kind: activityKind.optional(),
    plannedMinutes: plannedMinutes.optional(),
  }),
  'activity.move': z.object({ activityId: id, toModuleId: id, toIndex: index }),
  'activity.delete': z.object({ activityId: id }),
  'activity.setCurrent': z.object({ activityId: id.nullable() }),
  'activity.step': z.object({ direction: z.enum(['next', 'previous']) }),
  'timer.start': z.object({ durationMs: durationMs.optional() }),
  'timer.pause': z.object({}),
  'timer.resume': z.object({}),
  'timer.adjust': z.object({ deltaMs: z.number().int().min(-LIMITS.timerMs).max(LIMITS.timerMs) }),
  'timer.reset': z.object({}),
  'participant.rename': z.object({ participantId: id, name: text('Name', LIMITS.name) }),
  'participant.remove': z.object({ participantId: id }),
  'me.update': ProfilePatch,
  'poll.create': z.object(pollFields),
  'poll.update': z.object({
    pollId: id,
    kind: pollKind.optional(),
    question: text('Question', LIMITS.pollQuestion).optional(),
    options: pollOptions.optional(),
    maxChoices: z.number().int().min(1).max(LIMITS.pollOptions).optional(),
    scale: scaleSpec.optional(),
    pointsTotal: z.number().int().min(1).max(1000).optional(),
    anonymous: z.boolean().optional(),
    activityId: id.nullable().optional(),
    checkPhase: z.enum(['pre', 'post']).nullable().optional(),
  }),
  'poll.setState': z.object({ pollId: id, state: z.enum(['draft', 'open', 'closed']) }),
  'poll.reveal': z.object({
    pollId: id,
    revealed: z.boolean(),
    /** The projector or the phones; absent: both. */
    on: z.enum(RESULTS_PLACES).optional(),
  }),
  'poll.duplicate': z.object({ pollId: id, asTwin: z.boolean().default(false) }),
  'poll.delete': z.object({ pollId: id }),
  'vote.cast': z.object({ pollId: id, answer: AnswerSchema }),
  'question.ask': z.object({
    text: text('Question', LIMITS.questionText),
    anonymous: z.boolean().default(false),
  }),
  'question.upvote': z.object({ questionId: id, up: z.boolean() }),
  'question.setState': z.object({ questionId: id, state: z.enum(['open', 'answered', 'hidden']) }),
  'group.create': z.object({ name: text('Group name', LIMITS.groupName) }),
  'group.update': z.object({ groupId: id, name: text('Group name', LIMITS.groupName) }),
  'group.delete': z.object({ groupId: id }),
  'group.assign': z.object({ participantId: id, groupId: id.nullable() }),
  'group.auto': z.object({
    mode: z.enum(['country', 'random']),
    size: z.number().int().min(1).max(50).default(3),
    mixCountries: z.boolean().default(true),
  }),
  'group.extraTime': z.object({
    groupId: id,
    deltaMs: z.number().int().min(-LIMITS.timerMs).max(LIMITS.timerMs),
  }),
  'breakout.set': z.object({ open: z.boolean() }),
  'exercise.launch': z.object({
    title: text('Exercise title', LIMITS.title),
    kind: z.enum(ARTIFACT_KINDS, { error: 'Unknown exercise kind' }),
    template: z.string().max(64).nullable().optional(),
    activityId: id.nullable().optional(),
    stages: z
      .array(text('Stage', LIMITS.vignetteStage))
      .max(LIMITS.vignetteStages, { error: `At most ${LIMITS.vignetteStages} stages` })
      .default([]),
    budget: BudgetSettingsSchema.nullable().optional(),
  }),
  'exercise.budget': z.object({ exerciseId: id, budget: BudgetSettingsSchema }),
  'vignette.show': z.object({ exerciseId: id, stagesShown: z.number().int().min(1).max(50) }),
  'exercise.reveal': z.object({ exerciseId: id, revealed: z.boolean() }),
  'artifact.submit': z.object({ artifactId: id, submitted: z.boolean() }),
  'artifact.lock': z.object({ artifactId: id, locked: z.boolean() }),
  'gallery.set': z.object({ open: z.boolean() }),
  'review.open': z.object({
    exerciseId: id,
    mode: z.enum(REVIEW_MODES, { error: 'Choose who rates' }).default('participant'),
    criteria: reviewCriteria,
  }),
  'review.update': z.object({
    roundId: id,
    mode: z.enum(REVIEW_MODES, { error: 'Choose who rates' }).optional(),
    criteria: reviewCriteria.optional(),
  }),
  'review.setState': z.object({ roundId: id, state: z.enum(['open', 'closed']) }),
  'review.reveal': z.object({ roundId: id, revealed: z.boolean() }),
  'review.delete': z.object({ roundId: id }),
  'review.rate': z.object({
    roundId: id,
    targetGroupId: id,
    as: z.enum(['self', 'peer']),
    scores: z
      .record(
        id,
        z
          .number({ error: 'A score must be a number' })
          .int({ error: 'A score is a whole number' })
          .min(SCORE_MIN, { error: `Scores go from ${SCORE_MIN} to ${SCORE_MAX}` })
          .max(SCORE_MAX, { error: `Scores go from ${SCORE_MIN} to ${SCORE_MAX}` }),
      )
      .refine((r) => Object.keys(r).length <= REVIEW_LIMITS.criteria, {
        error: 'Too many scores',
      }),
    comment: optionalText('Comment', REVIEW_LIMITS.comment),
  }),
  'screen.show': z.object({ target: ProjectionSchema }),
  ...FollowUpCommandInputs,
  ...TeamCommandInputs,
} as const;

export type CommandName = keyof typeof CommandInputs;
export type CommandInput<K extends CommandName> = z.output<(typeof CommandInputs)[K]>;
/** What a client sends: the input as the schema accepts it, plus the command id. */
export type CommandPayload<K extends CommandName> = z.input<(typeof CommandInputs)[K]> & {
  cmdId: string;
};

/** Client-generated command id, so that a retried command is applied once. */
export const CommandId = z
  .string({ error: 'cmdId is required' })
  .min(8, { error: 'cmdId is too short' })
  .max(64, { error: 'cmdId is too long' })
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'cmdId has characters it may not have' });

/** Turns a zod error into the first problem, named by field, for a person to read. */
export function describeZodError(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: 'Invalid input' };
  const field = issue.path.map(String).join('.');
  return field ? { message: `${field}: ${issue.message}`, field } : { message: issue.message };
}
