import type * as Y from 'yjs';
import type { Exercise } from '../domain/group-types.js';

import type { KindMeta } from './kind-meta.js';

export type { KindMeta, KindRules } from './kind-meta.js';

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

/** A kind's co-edited document, read as content of type C (kinds/<kind>/document.ts). */
export interface DocumentParts<C> {
  /** Template content for a new group's document; without it the document starts empty. */
  seed?(doc: Y.Doc, exercise: Exercise, newId: () => string): void;
  /** The content as plain data (a vignette needs its exercise's number of stages). */
  read(doc: Y.Doc, stageCount: number): C;
  progress(doc: Y.Doc): DocProgress;
}

/** What the report says of a kind's document (content C) as its section W: pure. */
export interface ReportParts<C, W> {
  /** The kind's name in the report (English, as the Markdown is). */
  label: string;
  /** The section, from the content (undefined: an empty document) and the exercise. */
  work(content: C | undefined, exercise: Exercise | undefined): W;
  markdown(work: W): string[];
}

/** A kind's document, registered in documents.ts: its meta and its readers. */
export type KindDocument<K extends string, C> = KindMeta<K> & DocumentParts<C>;
/** A kind's report section, registered in reports.ts. */
export type KindReport<K extends string, C, W> = KindMeta<K> & ReportParts<C, W>;

export const kindDocument = <K extends string, C>(
  meta: KindMeta<K>,
  parts: DocumentParts<C>,
): KindDocument<K, C> => ({ ...meta, ...parts });

export const kindReport = <K extends string, C, W>(
  meta: KindMeta<K>,
  parts: ReportParts<C, W>,
): KindReport<K, C, W> => ({ ...meta, ...parts });

/** The content type a kind's document reads. */
export type ContentType<D> = D extends KindDocument<string, infer C> ? C : never;
/** The section type a kind's report writes. */
export type WorkType<R> = R extends KindReport<string, unknown, infer W> ? W : never;

/** What every report section carries, whatever its kind. */
export interface WorkBase {
  artifactId: string;
  title: string;
  kindLabel: string;
  submittedAt: number | null;
}

export const NO_PROGRESS: DocProgress = { done: 0, total: 0 };
