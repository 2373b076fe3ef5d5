import * as Y from 'yjs';
import { textOf } from '../text-fields.js';

/** An objective as the report and the follow-up read it: with its progress note and SMART check. */
export interface PlanItem extends Objective {
  /** A short note on how the objective is going, written during the follow-up. */
  progress: string;
  missing: SmartPart[];
}

export const OBJECTIVE_STATUSES = ['planned', 'in-progress', 'done'] as const;
export type ObjectiveStatus = (typeof OBJECTIVE_STATUSES)[number];

/** A SMART objective, one Y.Map in the Y.Array 'objectives'. */
export interface Objective {
  id: string;
  /** Specific: what will be done. */
  action: string;
  /** Relevant: which problem it addresses. */
  why: string;
  /** Measurable: the indicator, and the target value. */
  indicator: string;
  target: string;
  /** Achievable: who is responsible, with what resources and partners. */
  responsible: string;
  resources: string;
  partners: string;
  /** Time-bound: YYYY-MM-DD. */
  deadline: string;
  status: ObjectiveStatus;
}

export const OBJECTIVE_FIELDS = [
  'action',
  'why',
  'indicator',
  'target',
  'responsible',
  'resources',
  'partners',
  'deadline',
] as const;

export const objectivesOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('objectives');

export function newObjective(id: string): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set('id', id);
  for (const f of OBJECTIVE_FIELDS) m.set(f, f === 'deadline' ? '' : new Y.Text());
  m.set('status', 'planned');
  return m;
}

export function readObjective(m: Y.Map<unknown>): Objective {
  const s = (k: string) => {
    const v = m.get(k);
    return typeof v === 'string' ? v : '';
  };
  const status = s('status');
  return {
    id: s('id'),
    action: textOf(m, 'action'),
    why: textOf(m, 'why'),
    indicator: textOf(m, 'indicator'),
    target: textOf(m, 'target'),
    responsible: textOf(m, 'responsible'),
    resources: textOf(m, 'resources'),
    partners: textOf(m, 'partners'),
    deadline: s('deadline'),
    status: (OBJECTIVE_STATUSES as readonly string[]).includes(status)
      ? (status as ObjectiveStatus)
      : 'planned',
  };
}

/** The objectives with an action written (what the projector shows), in the plan's order. */
export function writtenObjectives(doc: Y.Doc): Objective[] {
  return objectivesOf(doc)
    .toArray()
    .map(readObjective)
    .filter((o) => o.action.trim() !== '');
}

export type SmartPart = 'specific' | 'measurable' | 'achievable' | 'relevant' | 'time-bound';

export const SMART_LABELS: Record<SmartPart, string> = {
  specific: 'Specific',
  measurable: 'Measurable',
  achievable: 'Achievable',
  relevant: 'Relevant',
  'time-bound': 'Time-bound',
};

const filled = (s: string) => s.trim().length > 0;

/** Which SMART parts an objective is missing. Pure: the visible check in the editor. */
export function missingSmart(o: Objective): SmartPart[] {
  const missing: SmartPart[] = [];
  if (o.action.trim().split(/\s+/).filter(Boolean).length < 3) missing.push('specific');
  if (!filled(o.indicator) || !filled(o.target)) missing.push('measurable');
  if (!filled(o.responsible) || !filled(o.resources)) missing.push('achievable');
  if (!filled(o.why)) missing.push('relevant');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.deadline)) missing.push('time-bound');
  return missing;
}

export function planProgress(doc: Y.Doc): { done: number; total: number } {
  const all = objectivesOf(doc).toArray().map(readObjective);
  return { done: all.filter((o) => missingSmart(o).length === 0).length, total: all.length };
}

/**
 * An objective as the report and the follow-up read it. Its progress note is the field
 * `progress` of its Y.Map, written during the follow-up.
 */
export function readPlanItem(m: Y.Map<unknown>): PlanItem {
  const objective = readObjective(m);
  return {
    ...objective,
    progress: textOf(m, 'progress'),
    missing: missingSmart(objective),
  };
}

export const readPlan = (doc: Y.Doc): PlanItem[] => objectivesOf(doc).toArray().map(readPlanItem);
