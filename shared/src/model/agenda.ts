import { z } from 'zod';
import { LIMITS as L } from '../limits.js';
import { ACTIVITY_KINDS } from './activity-kinds.js';
import { id, int, str, time } from './fields.js';
import { PreparedExerciseSchema } from './group-work.js';

export const ActivitySchema = z.object({
  id,
  title: str(L.title),
  kind: z.enum(ACTIVITY_KINDS),
  plannedMinutes: int.min(0).max(L.plannedMinutes),
  /** Time this activity has been the current one, not counting a run in progress. */
  actualMs: time,
  /** When the activity became current (server clock, ms), null when it is not current. */
  startedAt: time.nullable(),
  /** A group exercise prepared for this activity (the template's), to launch in one click. */
  exercise: PreparedExerciseSchema.optional(),
});
export type Activity = z.output<typeof ActivitySchema>;

export const AgendaModuleSchema = z.object({
  id,
  title: str(L.title),
  activities: z.array(ActivitySchema).max(L.activitiesPerModule),
});
export type AgendaModule = z.output<typeof AgendaModuleSchema>;
