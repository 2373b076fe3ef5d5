import { actionPlanMeta } from './action-plan/meta.js';
import { budgetMeta } from './budget/meta.js';
import { checklistMeta } from './checklist/meta.js';
import type { KindMeta, KindRules } from './kind-meta.js';
import { mapMeta } from './map/meta.js';
import { practiceMeta } from './practice/meta.js';
import { vignetteMeta } from './vignette/meta.js';

/**
 * Every exercise kind, in the order the console offers them: a new kind is a folder beside
 * these (its meta.ts, document and report) and one line here; the compiler then asks for it in
 * documents.ts, reports.ts and the web's kinds/index.ts. Light: names, labels and rules only.
 */
const KIND_METAS = [
  checklistMeta,
  actionPlanMeta,
  vignetteMeta,
  mapMeta,
  budgetMeta,
  practiceMeta,
] as const;

export type ArtifactKind = (typeof KIND_METAS)[number]['kind'];

export const ARTIFACT_KINDS = KIND_METAS.map((m) => m.kind) as unknown as readonly [
  ArtifactKind,
  ...ArtifactKind[],
];

const META = new Map<string, KindMeta<ArtifactKind>>(KIND_METAS.map((m) => [m.kind, m]));

/** A stored kind this version does not know (a newer server's, or a removed one) has none. */
export const kindMeta = (kind: string): KindMeta<ArtifactKind> | undefined => META.get(kind);

/** A kind's rules (none for a kind this version does not know). */
export const kindRules = (kind: string): KindRules => kindMeta(kind)?.rules ?? {};
