import type * as Y from 'yjs';
import type { ArtifactKind, Exercise } from '../domain/group-types.js';
import type { DocumentContent, ReportWork, WorkBase } from '../domain/report-types.js';

/** A document's content as plain data, for one kind. */
export type ContentOf<K extends ArtifactKind> = Extract<DocumentContent, { kind: K }>;
/** The report's section of one group's work, for one kind. */
export type WorkOf<K extends ArtifactKind> = Extract<ReportWork, { kind: K }>;

/**
 * The counts that stand for progress in documents without items to tick: a map's actors, links
 * and gaps, a budget's lines and the amount allocated. Numbers, not text: each screen words them
 * in its reader's language.
 */
export type ProgressSummary =
  { actors: number; links: number; gaps: number } | { lines: number; allocated: number };

/** What the console's progress column shows of one document. */
export interface DocProgress {
  done: number;
  total: number;
  /** For documents without items to tick (maps, budgets). */
  summary?: ProgressSummary;
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
