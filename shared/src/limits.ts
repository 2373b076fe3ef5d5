/**
 * Sizes and counts the schemas enforce. Kept apart from the schemas so that the domain and the
 * browser can read them without loading zod.
 */
export const LIMITS = {
  title: 120,
  venue: 120,
  name: 60,
  city: 60,
  organisation: 100,
  role: 60,
  modules: 40,
  activitiesPerModule: 40,
  participants: 2000,
  plannedMinutes: 24 * 60,
  timerMs: 24 * 60 * 60 * 1000,
  polls: 200,
  pollQuestion: 300,
  pollOptions: 20,
  optionLabel: 120,
  openAnswer: 200,
  questions: 500,
  questionText: 280,
  groups: 40,
  groupName: 60,
  exercises: 50,
  vignetteStages: 8,
  vignetteStage: 2000,
  envelope: 1_000_000_000_000,
} as const;
