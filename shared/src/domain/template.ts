import { CommandInputs, type TemplateName } from '../schemas.js';
import { createPoll, duplicatePoll, updatePoll } from './poll.js';
import { TEMPLATE_EXERCISES } from './template-exercises.js';
import {
  KNOWLEDGE_CHECK,
  POST_CHECK_ACTIVITY,
  PRE_CHECK_ACTIVITY,
  TEMPLATE_POLLS,
} from './template-quiz.js';
import type { ActivityKind, AgendaModule, DomainContext, Workshop } from './types.js';

type Row = [title: string, kind: ActivityKind, minutes: number];

/**
 * "Victim-centred approach to trafficking in persons": five days, nine modules, after the
 * 2017 CIFAL Jeju training of that name. Activities are our own suggestions; their polls, knowledge
 * check and group exercises come ready (template-quiz.ts, template-exercises.ts).
 */
const VICTIM_CENTRED: Array<[module: string, rows: Row[]]> = [
  [
    'Module 1: Concepts and current trends in trafficking in persons',
    [
      ['Welcome, introductions and expectations', 'discussion', 45],
      ['Pre-training knowledge check', 'poll', 15],
      ['Trafficking, smuggling and forced labour: the differences', 'talk', 60],
      ['Trends in the Asia-Pacific region', 'talk', 45],
      ['Break', 'break', 15],
    ],
  ],
  [
    'Module 2: Identification of victims of trafficking',
    [
      ['Indicators of trafficking', 'talk', 45],
      ['Case vignette: identifying a victim', 'group-work', 60],
      ['Groups report back', 'discussion', 30],
    ],
  ],
  [
    'Module 3: Global approach to addressing trafficking in persons',
    [
      ['The Palermo Protocol and the Bali Process', 'talk', 45],
      ['Local implementation: what cities can do', 'discussion', 30],
    ],
  ],
  [
    'Module 4: Refugees and trafficking in persons',
    [
      ['Protection needs of refugees at risk', 'talk', 45],
      ['Break', 'break', 15],
      ['First contact and referral', 'group-work', 40],
    ],
  ],
  [
    'Module 5: Providing assistance to victims of trafficking',
    [
      ['Victim-centred and trauma-informed assistance', 'talk', 45],
      ['Referral-network map of your city', 'group-work', 60],
      ['Gallery of referral maps', 'discussion', 30],
    ],
  ],
  [
    'Module 6: Prosecution',
    [
      ['Victims as witnesses: protection in criminal proceedings', 'talk', 45],
      ['Poll: barriers to prosecution', 'poll', 10],
      ['Break', 'break', 15],
    ],
  ],
  [
    'Module 7: Prevention',
    [
      ['Awareness raising and safe migration', 'talk', 45],
      ['Budgeting exercise: the four Ps', 'group-work', 60],
      ['Compare budgets', 'discussion', 20],
    ],
  ],
  [
    'Module 8: Monitoring and evaluation',
    [
      ['Indicators and data for local action', 'talk', 45],
      ['Post-training knowledge check', 'poll', 15],
    ],
  ],
  [
    'Module 9: CityShare methodology',
    [
      ['Practice presentations by city', 'peer-review', 90],
      ['Self-assessment and peer rating', 'peer-review', 45],
      ['SMART action plans', 'group-work', 60],
      ['Action plan presentations and commitments', 'discussion', 60],
      ['Closing and evaluation', 'discussion', 30],
    ],
  ],
];

export function templateAgenda(name: TemplateName, newId: () => string): AgendaModule[] {
  if (name === 'blank') return [];
  return VICTIM_CENTRED.map(([title, rows]) => ({
    id: newId(),
    title,
    activities: rows.map(([activityTitle, kind, plannedMinutes]) => {
      const exercise = TEMPLATE_EXERCISES[activityTitle];
      return {
        id: newId(),
        title: activityTitle,
        kind,
        plannedMinutes,
        actualMs: 0,
        startedAt: null,
        ...(exercise && { exercise: structuredClone(exercise) }),
      };
    }),
  }));
}

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(`The template's content is wrong: ${r.message}`);
  return r.value;
};

/**
 * The template's polls, as drafts on their activities: every poll by activity title, then the
 * knowledge check, each question before the training with its twin after. Made with the same
 * functions as the facilitator's own polls, so they are exactly what the console would make.
 */
export function withTemplatePolls(
  w: Workshop,
  ctx: Pick<DomainContext, 'now' | 'newId'>,
): Workshop {
  const full: DomainContext = { ...ctx, actor: { role: 'facilitator' } };
  const activityId = (title: string) =>
    w.modules.flatMap((m) => m.activities).find((a) => a.title === title)?.id;
  const create = (fields: Record<string, unknown>) => {
    const made = unwrap(createPoll(w, CommandInputs['poll.create'].parse(fields), full));
    w = made.workshop;
    return made.pollId;
  };
  for (const [title, seeds] of Object.entries(TEMPLATE_POLLS)) {
    const id = activityId(title);
    if (!id) continue;
    for (const { options, ...seed } of seeds)
      create({ ...seed, activityId: id, options: (options ?? []).map((label) => ({ label })) });
  }
  const pre = activityId(PRE_CHECK_ACTIVITY);
  const post = activityId(POST_CHECK_ACTIVITY);
  if (!pre || !post) return w;
  for (const [question, correct, ...wrong] of KNOWLEDGE_CHECK) {
    const pollId = create({
      kind: 'quiz',
      question,
      // Named, so that each participant's score before and after can be shown to them.
      anonymous: false,
      checkPhase: 'pre',
      activityId: pre,
      options: [
        { label: correct, correct: true },
        ...wrong.map((label) => ({ label, correct: false })),
      ],
    });
    const twin = unwrap(duplicatePoll(w, { pollId, asTwin: true }, full));
    w = unwrap(updatePoll(twin.workshop, { pollId: twin.pollId, activityId: post }, full));
  }
  return w;
}
