import type { ArtifactKind } from '../domain/group-types.js';

/**
 * What an exercise of a kind is launched with, and how its groups' work is shared: plain data,
 * read by the domain's rules (groups.ts), which name no kind.
 */
export interface KindRules {
  /** Its groups tick indicators from a checklist template (or none). */
  template?: boolean;
  /** A case told in stages, shown one by one: the first is needed. */
  stages?: boolean;
  /** An envelope and its currency, needed; groups see each other's once all have submitted. */
  budget?: boolean;
}

/** Every kind's rules: a new kind is one line here (an empty object if it has no settings). */
export const KIND_RULES: { readonly [K in ArtifactKind]: KindRules } = {
  checklist: { template: true },
  'action-plan': {},
  vignette: { template: true, stages: true },
  map: {},
  budget: { budget: true },
  practice: {},
};
