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
  /** Its objectives are what the follow-up tracks after the workshop. */
  followUp?: boolean;
  /** Its write-ups are what a peer-review round rates. */
  peerReview?: boolean;
}

/**
 * A kind's name and rules: the only place its name is written (kinds/<kind>/meta.ts). Light:
 * every page that asks a kind's rules carries all of them (a few hundred bytes).
 */
export interface KindMeta<K extends string = string> {
  readonly kind: K;
  readonly rules: KindRules;
}
