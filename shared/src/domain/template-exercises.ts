import type { PreparedExercise } from './group-types.js';

/**
 * The victim-centred template's group exercises, by the title of the activity they belong to: the
 * console offers each one, ready to launch, while its activity is current. The case is invented.
 */
export const TEMPLATE_EXERCISES: Record<string, PreparedExercise> = {
  'Case vignette: identifying a victim': {
    title: 'Case vignette: Lan at the hospital',
    kind: 'vignette',
    template: 'identification-adult',
    stages: [
      'A hospital social worker in a port city meets Lan, 24, brought in with a deep cut to her hand from a fish-processing plant. A man who calls himself her "manager" answers every question for her and asks to take her back to work the same afternoon.',
      'Alone for a moment, Lan says she came a year ago on a promise of factory work at a good wage. The recruiter’s fee was to come out of her wages; she now owes more than when she started. The company keeps her passport "so it is not lost".',
      'Lan works twelve hours a day, six or seven days a week, and sleeps in a dormitory above the plant that she may leave only with the manager. If she complains, she says, she will be reported to immigration and her family will have to pay her debt.',
      'Lan asks what happens if she talks to the police. She does not want to go home yet: her family borrowed for her journey. She asks whether a girl from the dormitory, who is 16, could get help too.',
    ],
    budget: null,
  },
  'First contact and referral': {
    title: 'First contact and referral',
    kind: 'checklist',
    template: 'first-contact-referral',
    stages: [],
    budget: null,
  },
  'Referral-network map of your city': {
    title: 'Referral map of our city',
    kind: 'map',
    template: null,
    stages: [],
    budget: null,
  },
  'Budgeting exercise: the four Ps': {
    title: 'A year’s budget against trafficking',
    kind: 'budget',
    template: null,
    stages: [],
    budget: {
      envelope: 100_000,
      currency: 'USD',
      shares: {
        protection: { min: 25, max: null },
        prevention: { min: 15, max: null },
        monitoring: { min: 5, max: 15 },
      },
    },
  },
  'Practice presentations by city': {
    title: 'Our practice',
    kind: 'practice',
    template: null,
    stages: [],
    budget: null,
  },
  'SMART action plans': {
    title: 'SMART action plan',
    kind: 'action-plan',
    template: null,
    stages: [],
    budget: null,
  },
};
