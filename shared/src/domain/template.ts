import type { TemplateName } from '../schemas.js';
import type { ActivityKind, AgendaModule } from './types.js';

type Row = [title: string, kind: ActivityKind, minutes: number];

/**
 * "Victim-centred approach to trafficking in persons": five days, nine modules, after the
 * 2017 CIFAL Jeju training of that name. Activities are our own suggestions.
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
      ['Referral between asylum and anti-trafficking systems', 'discussion', 30],
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
    activities: rows.map(([activityTitle, kind, plannedMinutes]) => ({
      id: newId(),
      title: activityTitle,
      kind,
      plannedMinutes,
      actualMs: 0,
      startedAt: null,
    })),
  }));
}
