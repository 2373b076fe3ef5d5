import type { PollKind } from './poll-types.js';

/**
 * The victim-centred template's prepared polls: the knowledge check taken before the training
 * (each question gets its "after" twin, attached to the post-training check) and at least one
 * poll per module. Written for Plenary from the modules' content; invented, no real cases.
 */

export interface PollSeed {
  kind: PollKind;
  question: string;
  /** Quiz: the first option is the correct one (options are shown in this order). */
  options?: string[];
  maxChoices?: number;
  scale?: { min: number; max: number; minLabel: string; maxLabel: string };
  pointsTotal?: number;
}

/** Quiz questions; the first option of each is correct. */
export const KNOWLEDGE_CHECK: Array<[question: string, correct: string, ...wrong: string[]]> = [
  [
    'Under the Palermo Protocol, trafficking in adults has three elements. Which?',
    'An act, a means and a purpose of exploitation',
    'Crossing a border, a payment and a false document',
    'Force, a criminal group and a ransom',
    'Recruitment, transport and sale',
  ],
  [
    'When the victim is a child, which element does not need to be shown?',
    'The means (force, deception, coercion, abuse of vulnerability)',
    'The act (recruiting, moving, harbouring or receiving)',
    'The purpose of exploitation',
    'None: all three must always be shown',
  ],
  [
    'Which statement about trafficking and smuggling is true?',
    'Trafficking can happen without crossing any border',
    'Smuggling always ends in exploitation at destination',
    'Someone who agreed to be smuggled cannot become a victim of trafficking',
    'Trafficking always involves crossing a border irregularly',
  ],
  [
    'An adult victim’s consent to the intended exploitation…',
    'does not matter once any of the means was used',
    'turns the case into smuggling',
    'turns the case into a labour dispute',
    'must be withdrawn in writing before assistance',
  ],
  [
    'Which of these is a common indicator of trafficking for forced labour?',
    'The employer keeps the worker’s identity documents',
    'The worker sends part of the wage home',
    'The worker has a written contract',
    'The worker shares a flat with colleagues',
  ],
  [
    'What does a victim-centred approach put first?',
    'The rights, safety and choices of the person',
    'The evidence the prosecution needs',
    'A quick return to the country of origin',
    'The schedule of the police interview',
  ],
  [
    'Before you share a possible victim’s details with another agency, you should…',
    'ask for the person’s informed consent',
    'tell the employer, who is responsible for the worker',
    'wait until the person has left the country',
    'nothing: agencies may always share',
  ],
  [
    'What is a reflection period?',
    'Time for a possible victim to recover and decide whether to cooperate with the authorities',
    'The time a court takes to reach a verdict',
    'A waiting time before a work visa can be renewed',
    'A period in which the employer may answer the complaint',
  ],
  [
    'Anti-trafficking policy is often described by the "4 Ps": prevention, protection, prosecution and…',
    'partnership',
    'publicity',
    'punishment',
    'policing',
  ],
  [
    'A referral mechanism is…',
    'an agreed way for agencies to pass a victim, with consent, to the services they need',
    'a list of hotline numbers printed on posters',
    'a police database of suspected traffickers',
    'a court order to return a migrant home',
  ],
  [
    'A refugee who is also a victim of trafficking…',
    'may need both international protection and assistance as a victim',
    'must choose between asylum and victim assistance',
    'loses refugee status',
    'can only be assisted in the country of origin',
  ],
  [
    'Which objective is SMART?',
    'By June, the labour inspectorate trains its 40 inspectors on forced-labour indicators',
    'Raise awareness of trafficking in the city',
    'Do more for victims as soon as possible',
    'Improve cooperation with NGOs',
  ],
];

const SCALE_5 = (minLabel: string, maxLabel: string) => ({ min: 1, max: 5, minLabel, maxLabel });

/** Polls by the title of the activity they belong to. */
export const TEMPLATE_POLLS: Record<string, PollSeed[]> = {
  'Welcome, introductions and expectations': [
    { kind: 'open', question: 'In a few words: what do you hope to take home from this week?' },
  ],
  'Trafficking, smuggling and forced labour: the differences': [
    {
      kind: 'single',
      question:
        'A man pays a driver to take him across a border; at the end of the trip he is free to go. Is this…',
      options: ['Smuggling', 'Trafficking', 'Forced labour', 'Not sure'],
    },
  ],
  'Trends in the Asia-Pacific region': [
    {
      kind: 'open',
      question: 'In one or two words: the form of exploitation you meet most in your city',
    },
  ],
  'Indicators of trafficking': [
    {
      kind: 'scale',
      question: 'How confident are you that you would recognise a victim at first contact?',
      scale: SCALE_5('Not at all', 'Very confident'),
    },
  ],
  'Local implementation: what cities can do': [
    {
      kind: 'multiple',
      question: 'Which of these does your city already do?',
      options: [
        'Trains front-line staff on indicators',
        'Has a local referral mechanism',
        'Funds a shelter or safe accommodation',
        'Inspects workplaces at risk',
        'Runs safe-migration information',
      ],
      maxChoices: 5,
    },
  ],
  'Protection needs of refugees at risk': [
    {
      kind: 'single',
      question: 'In your city, who is most likely to meet a refugee who may be a victim first?',
      options: [
        'Health services',
        'Police or border officials',
        'NGOs and community groups',
        'Social welfare',
        'Employers or landlords',
      ],
    },
  ],
  'Victim-centred and trauma-informed assistance': [
    {
      kind: 'scale',
      question: 'How well does assistance in your city follow the victim’s own choices?',
      scale: SCALE_5('Not at all', 'Completely'),
    },
  ],
  'Poll: barriers to prosecution': [
    {
      kind: 'ranking',
      question: 'Rank the barriers to prosecuting traffickers in your country, biggest first',
      options: [
        'Victims are afraid to testify',
        'Cases are charged as lesser crimes',
        'Little cooperation across borders',
        'Investigators lack training',
        'Proceedings take years',
      ],
    },
  ],
  'Awareness raising and safe migration': [
    {
      kind: 'points',
      question: 'Spread 100 points across the prevention measures your city needs most',
      options: [
        'Safe-migration information',
        'Licensing of recruitment agencies',
        'Labour inspection',
        'School and community education',
        'Birth registration',
      ],
      pointsTotal: 100,
    },
  ],
  'Indicators and data for local action': [
    {
      kind: 'multiple',
      question: 'Which data does your city collect today?',
      options: [
        'Victims identified, by form of exploitation',
        'Referrals between agencies',
        'Cases prosecuted and their outcome',
        'Services given to each victim',
        'None of these',
      ],
      maxChoices: 5,
    },
  ],
  'Closing and evaluation': [
    {
      kind: 'scale',
      question: 'How useful was this training for your work?',
      scale: SCALE_5('Not useful', 'Very useful'),
    },
    { kind: 'open', question: 'One thing you will do differently next month' },
  ],
};

export const PRE_CHECK_ACTIVITY = 'Pre-training knowledge check';
export const POST_CHECK_ACTIVITY = 'Post-training knowledge check';
