import type { Artifact, Exercise } from '../domain/group-types.js';
import { actionPlanReport } from './action-plan/report.js';
import { budgetReport } from './budget/report.js';
import type { ArtifactKind } from './catalog.js';
import { checklistReport } from './checklist/report.js';
import type { DocumentContent } from './documents.js';
import type { KindReport, WorkBase, WorkType } from './kind.js';
import { mapReport } from './map/report.js';
import { practiceReport } from './practice/report.js';
import { vignetteReport } from './vignette/report.js';

/** Every kind's report section: a new kind is a folder beside these and one line here. */
const KIND_REPORTS = [
  checklistReport,
  actionPlanReport,
  vignetteReport,
  mapReport,
  budgetReport,
  practiceReport,
] as const;

type Reports = (typeof KIND_REPORTS)[number];
/** Every kind in the catalogue has its report here: a kind left out does not compile. */
const complete: [Exclude<ArtifactKind, Reports['kind']>] extends [never] ? true : never = true;
void complete;

/** The report's section of one group's work, for one kind. */
export type WorkOf<K extends ArtifactKind> = WorkBase & { kind: K } & WorkType<
    Extract<Reports, { kind: K }>
  >;

/** A group's work in the report; `other`: a kind this version does not know, listed by title. */
export type ReportWork =
  { [K in ArtifactKind]: WorkOf<K> }[ArtifactKind] | (WorkBase & { kind: 'other' });

/** A stored kind this version does not know (a newer server's, or a removed one) has none. */
const BY_KIND = new Map<string, KindReport<ArtifactKind, unknown, unknown>>(
  KIND_REPORTS.map((r) => [r.kind, r as KindReport<ArtifactKind, unknown, unknown>]),
);

/** A kind's name in the report (English, as the Markdown is; the pages have theirs). */
export const reportKindLabel = (kind: string): string => BY_KIND.get(kind)?.label ?? kind;

/** A group's work for the report, by its artifact's kind; kinds not known are listed by title. */
export function reportWork(
  base: WorkBase,
  a: Artifact,
  exercise: Exercise | undefined,
  found: DocumentContent | undefined,
): ReportWork {
  const r = BY_KIND.get(a.kind);
  if (!r) return { ...base, kind: 'other' };
  // A document whose content is of another kind than its artifact reads as empty.
  const content = found && found.kind === a.kind ? found : undefined;
  return { ...base, kind: a.kind, ...(r.work(content, exercise) as object) } as ReportWork;
}

/** A group's work in the report's Markdown. */
export function reportWorkMarkdown(w: ReportWork): string[] {
  const r = BY_KIND.get(w.kind);
  return r ? r.markdown(w) : ['Open this work in Plenary to read it.'];
}
