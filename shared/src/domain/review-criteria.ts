import type { ReviewCriterion } from './review-types.js';

/**
 * The default criteria for rating a practice against trafficking, each on a 1-5 scale with
 * what 1, 3 and 5 mean. Written for Plenary as prompts for peer learning, not a standard.
 */
export const DEFAULT_CRITERIA: readonly ReviewCriterion[] = [
  {
    id: 'relevance',
    label: 'Relevance',
    description: 'Does it address a real and important problem in its place?',
    anchors: {
      low: 'The problem is unclear or minor',
      mid: 'A real problem, partly addressed',
      high: 'A key problem, addressed at its core',
    },
  },
  {
    id: 'effectiveness',
    label: 'Effectiveness',
    description: 'Did it achieve what it set out to do?',
    anchors: {
      low: 'No visible results',
      mid: 'Some results, not clearly caused by the practice',
      high: 'Clear results, backed by evidence',
    },
  },
  {
    id: 'victim-centredness',
    label: 'Victim-centredness',
    description: 'Does it put the rights, safety and choices of victims first?',
    anchors: {
      low: 'Victims are treated as witnesses or cases',
      mid: 'Victims are consulted at some steps',
      high: 'Victims’ safety, consent and needs shape every step',
    },
  },
  {
    id: 'sustainability',
    label: 'Sustainability',
    description: 'Will it last beyond one project, person or grant?',
    anchors: {
      low: 'Depends on one project or person',
      mid: 'Some funding or rules keep it going',
      high: 'Built into budgets, rules and routines',
    },
  },
  {
    id: 'replicability',
    label: 'Replicability',
    description: 'Could another city or country adopt it?',
    anchors: {
      low: 'Only works in its own context',
      mid: 'Could be adapted with effort',
      high: 'Easy to adapt: steps and costs are documented',
    },
  },
  {
    id: 'partnership',
    label: 'Partnership',
    description: 'Does it bring agencies and civil society together?',
    anchors: {
      low: 'One agency alone',
      mid: 'Some cooperation, case by case',
      high: 'Formal cooperation with clear roles',
    },
  },
];
