import type { Artifact, ArtifactKind, Exercise } from '../domain/group-types.js';
import type { DocumentContent, ReportWork, WorkBase } from '../domain/report-types.js';
import { actionPlanReport } from './action-plan/report.js';
import { budgetReport } from './budget/report.js';
import { checklistReport } from './checklist/report.js';
import type { ContentOf, KindReport } from './kind.js';
import { mapReport } from './map/report.js';
import { practiceReport } from './practice/report.js';
import { vignetteReport } from './vignette/report.js';

/** Every kind's report section: a new kind is a folder beside these and one line here. */
const KIND_REPORTS: { [K in ArtifactKind]: KindReport<K> } = {
  checklist: checklistReport,
  'action-plan': actionPlanReport,
  vignette: vignetteReport,
  map: mapReport,
  budget: budgetReport,
  practice: practiceReport,
};

/** A stored kind this version does not know (a newer server's, or a removed one). */
const reportOf = (kind: string): KindReport<ArtifactKind> | undefined =>
  (KIND_REPORTS as Record<string, KindReport<ArtifactKind>>)[kind];

/** A group's work for the report, by its artifact's kind; kinds not known are listed by title. */
export function reportWork(
  base: WorkBase,
  a: Artifact,
  exercise: Exercise | undefined,
  found: DocumentContent | undefined,
): ReportWork {
  // A document whose content is of another kind than its artifact reads as empty.
  const content = found && found.kind === a.kind ? (found as ContentOf<ArtifactKind>) : undefined;
  return reportOf(a.kind)?.work(base, content, exercise) ?? { ...base, kind: 'other' };
}

/** A group's work in the report's Markdown. */
export const reportWorkMarkdown = (w: ReportWork): string[] =>
  w.kind === 'other'
    ? ['Open this work in Plenary to read it.']
    : (reportOf(w.kind)?.markdown(w) ?? []);
