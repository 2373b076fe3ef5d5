import type * as Y from 'yjs';
import type { Exercise } from '../domain/group-types.js';
import { actionPlanDocument } from './action-plan/index.js';
import { budgetDocument } from './budget/index.js';
import type { ArtifactKind } from './catalog.js';
import { checklistDocument } from './checklist/index.js';
import { NO_PROGRESS, type ContentType, type DocProgress, type KindDocument } from './kind.js';
import { mapDocument } from './map/index.js';
import { practiceDocument } from './practice/index.js';
import { vignetteDocument } from './vignette/index.js';

/** Every kind's document: a new kind is a folder beside these and one line here. */
const KIND_DOCUMENTS = [
  checklistDocument,
  actionPlanDocument,
  vignetteDocument,
  mapDocument,
  budgetDocument,
  practiceDocument,
] as const;

type Documents = (typeof KIND_DOCUMENTS)[number];
/** Every kind in the catalogue has its document here: a kind left out does not compile. */
const complete: [Exclude<ArtifactKind, Documents['kind']>] extends [never] ? true : never = true;
void complete;

/** A document's content as plain data, for one kind. */
export type ContentOf<K extends ArtifactKind> = { kind: K } & ContentType<
  Extract<Documents, { kind: K }>
>;

/** A group document's content, read from its Yjs state; `other`: a kind this version does not know. */
export type DocumentContent =
  { [K in ArtifactKind]: ContentOf<K> }[ArtifactKind] | { kind: 'other' };

const BY_KIND = new Map<string, KindDocument<ArtifactKind, unknown>>(
  KIND_DOCUMENTS.map((d) => [d.kind, d]),
);

/** A document's content by its artifact's kind (a vignette needs its number of stages). */
export function readDocumentContent(
  kind: ArtifactKind,
  doc: Y.Doc,
  stageCount = 0,
): DocumentContent {
  const d = BY_KIND.get(kind);
  return d
    ? ({ kind, ...(d.read(doc, stageCount) as object) } as DocumentContent)
    : { kind: 'other' };
}

/** Fills a new group's document with its kind's template content, if the kind has any. */
export function seedDocument(
  kind: ArtifactKind,
  doc: Y.Doc,
  exercise: Exercise,
  newId: () => string,
): void {
  BY_KIND.get(kind)?.seed?.(doc, exercise, newId);
}

/** A document's progress for the console (none when its kind is unknown). */
export const documentProgress = (kind: ArtifactKind | undefined, doc: Y.Doc): DocProgress =>
  (kind && BY_KIND.get(kind)?.progress(doc)) || NO_PROGRESS;
