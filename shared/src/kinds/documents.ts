import type * as Y from 'yjs';
import type { ArtifactKind, Exercise } from '../domain/group-types.js';
import type { DocumentContent } from '../domain/report-types.js';
import { actionPlanDocument } from './action-plan/index.js';
import { budgetDocument } from './budget/index.js';
import { checklistDocument } from './checklist/index.js';
import { NO_PROGRESS, type DocProgress, type KindDocument } from './kind.js';
import { mapDocument } from './map/index.js';
import { practiceDocument } from './practice/index.js';
import { vignetteDocument } from './vignette/index.js';

/** Every kind's document: a new kind is a folder beside these and one line here. */
const KIND_DOCUMENTS: { [K in ArtifactKind]: KindDocument<K> } = {
  checklist: checklistDocument,
  'action-plan': actionPlanDocument,
  vignette: vignetteDocument,
  map: mapDocument,
  budget: budgetDocument,
  practice: practiceDocument,
};

/** A stored kind this version does not know (a newer server's, or a removed one). */
const documentOf = (kind: ArtifactKind): KindDocument<ArtifactKind> | undefined =>
  KIND_DOCUMENTS[kind] as KindDocument<ArtifactKind> | undefined;

/** A document's content by its artifact's kind (a vignette needs its number of stages). */
export function readDocumentContent(
  kind: ArtifactKind,
  doc: Y.Doc,
  stageCount = 0,
): DocumentContent {
  return documentOf(kind)?.read(doc, stageCount) ?? { kind: 'other' };
}

/** Fills a new group's document with its kind's template content, if the kind has any. */
export function seedDocument(
  kind: ArtifactKind,
  doc: Y.Doc,
  exercise: Exercise,
  newId: () => string,
): void {
  documentOf(kind)?.seed?.(doc, exercise, newId);
}

/** A document's progress for the console (none when its kind is unknown). */
export const documentProgress = (kind: ArtifactKind | undefined, doc: Y.Doc): DocProgress =>
  (kind && documentOf(kind)?.progress(doc)) || NO_PROGRESS;
