import type * as Y from 'yjs';
import type { ArtifactKind, Exercise } from '../domain/group-types.js';
import type { DocumentContent, ReportWork, WorkBase } from '../domain/report-types.js';

/** A document's content as plain data, for one kind. */
export type ContentOf<K extends ArtifactKind> = Extract<DocumentContent, { kind: K }>;
/** The report's section of one group's work, for one kind. */
export type WorkOf<K extends ArtifactKind> = Extract<ReportWork, { kind: K }>;

/** What the console's progress column shows of one document. */
export interface DocProgress {
  done: number;
  total: number;
  /** A one-line summary for documents without items to tick (maps, budgets). */
  summary?: string;
}

/** A kind's co-edited document (kinds/<kind>/document.ts holds its shape). */
export interface KindDocument<K extends ArtifactKind> {
  /** Template content for a new group's document; without it the document starts empty. */
  seed?(doc: Y.Doc, exercise: Exercise, newId: () => string): void;
  /** The content as plain data (a vignette needs its exercise's number of stages). */
  read(doc: Y.Doc, stageCount: number): ContentOf<K>;
  progress(doc: Y.Doc): DocProgress;
}

/** What the report says of a kind's document: pure, from its content as plain data. */
export interface KindReport<K extends ArtifactKind> {
  /** The section, from the content (undefined: an empty document) and the exercise. */
  work(
    base: WorkBase,
    content: ContentOf<K> | undefined,
    exercise: Exercise | undefined,
  ): WorkOf<K>;
  markdown(work: WorkOf<K>): string[];
}

export const NO_PROGRESS: DocProgress = { done: 0, total: 0 };
