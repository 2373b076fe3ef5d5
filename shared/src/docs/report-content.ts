import type * as Y from 'yjs';
import type { ArtifactKind } from '../domain/group-types.js';
import type { DocumentContent, PlanItem } from '../domain/report-types.js';
import { missingSmart, objectivesOf, readObjective } from './action-plan.js';
import { readLines } from './budget.js';
import { itemsOf, readItem } from './checklist.js';
import { readMap } from './map.js';
import { PRACTICE_SECTIONS, readPractice } from './practice.js';
import { textOf } from './text-fields.js';
import { readStage } from './vignette.js';

/**
 * Group documents as plain data, for the report and the follow-up. An objective's progress note
 * is the field `progress` of its Y.Map, written during the follow-up.
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

/** A document's content by its artifact's kind (a vignette needs its number of stages). */
export function readDocumentContent(
  kind: ArtifactKind,
  doc: Y.Doc,
  stageCount = 0,
): DocumentContent {
  switch (kind) {
    case 'checklist':
      return { kind, items: itemsOf(doc).toArray().map(readItem) };
    case 'action-plan':
      return { kind, objectives: readPlan(doc) };
    case 'map':
      return { kind, map: readMap(doc) };
    case 'budget':
      return { kind, lines: readLines(doc) };
    case 'vignette':
      return { kind, stages: Array.from({ length: stageCount }, (_, i) => readStage(doc, i)) };
    case 'practice': {
      const practice = readPractice(doc);
      return {
        kind,
        sections: PRACTICE_SECTIONS.map((s) => ({ label: s.label, text: practice[s.key] })),
      };
    }
    default:
      return { kind: 'other' };
  }
}
