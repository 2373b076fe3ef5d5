import type * as Y from 'yjs';
import { newId } from '../secrets.js';
import { analyseGaps, type ArtifactKind, type Exercise } from '@plenary/shared';
import {
  checklistProgress,
  isPracticeDoc,
  planProgress,
  practiceProgress,
  readLines,
  readMap,
  seedChecklist,
  seedVignette,
  vignetteProgress,
} from '@plenary/shared/docs';

/** What the console's progress column shows of one document. */
export interface DocProgress {
  done: number;
  total: number;
  /** A one-line summary for documents without items to tick (maps, budgets). */
  summary?: string;
}

const NONE: DocProgress = { done: 0, total: 0 };
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Each kind of document's progress, by its artifact's kind. */
const PROGRESS: Record<ArtifactKind, (doc: Y.Doc) => DocProgress> = {
  checklist: checklistProgress,
  'action-plan': planProgress,
  vignette: vignetteProgress,
  // Nothing written yet: no progress line (as for a document of no kind).
  practice: (doc) => (isPracticeDoc(doc) ? practiceProgress(doc) : NONE),
  // No summary before the first actor or line.
  map: (doc) => {
    if (!doc.share.has('actors')) return NONE;
    const map = readMap(doc);
    const gaps = analyseGaps(map).count;
    return {
      done: 0,
      total: 0,
      summary: `${plural(map.actors.length, 'actor')} · ${plural(map.links.length, 'link')} · ${plural(gaps, 'gap')}`,
    };
  },
  budget: (doc) => {
    if (!doc.share.has('lines')) return NONE;
    const lines = readLines(doc);
    const total = lines.reduce((sum, l) => sum + l.amount, 0);
    return {
      done: 0,
      total: 0,
      summary: `${plural(lines.length, 'line')} · ${total.toLocaleString('en-US')} allocated`,
    };
  },
};

/** Each kind's template content for a new group's document (none: the document starts empty). */
const SEED: Partial<Record<ArtifactKind, (doc: Y.Doc, exercise: Exercise) => void>> = {
  checklist: (doc, exercise) => {
    if (exercise.template) seedChecklist(doc, exercise.template, newId);
  },
  vignette: (doc, exercise) => seedVignette(doc, exercise.stages.length),
};

export const seedOfKind = (kind: ArtifactKind, doc: Y.Doc, exercise: Exercise): void =>
  SEED[kind]?.(doc, exercise);

export const progressOfKind = (kind: ArtifactKind | undefined, doc: Y.Doc): DocProgress =>
  kind ? PROGRESS[kind](doc) : NONE;
