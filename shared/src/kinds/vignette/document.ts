import * as Y from 'yjs';

/**
 * A group's answers to a case vignette, one Y.Map per stage in the Y.Map 'stages', keyed by the
 * stage number ('0', '1', …). Each holds `ticked`, a Y.Map from indicator text to true, and
 * `referral`, a Y.Text: whom the group would refer the person to at that stage, and why.
 */
export const vignetteStagesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('stages');

/**
 * Creates the maps of every stage, once, on the server when the exercise starts. Clients never
 * create them: two clients creating the same key at once would overwrite each other's answers.
 */
export function seedVignette(doc: Y.Doc, stageCount: number): void {
  const stages = vignetteStagesOf(doc);
  doc.transact(() => {
    for (let i = 0; i < stageCount; i++) {
      if (stages.has(String(i))) continue;
      const m = new Y.Map<unknown>();
      m.set('ticked', new Y.Map<boolean>());
      m.set('referral', new Y.Text());
      stages.set(String(i), m);
    }
  });
}

/** The shared parts of one stage's answer, to edit: undefined until the server seeded it. */
export function vignetteStage(
  doc: Y.Doc,
  stage: number,
): { ticked: Y.Map<boolean>; referral: Y.Text } | undefined {
  const m = vignetteStagesOf(doc).get(String(stage));
  const ticked = m?.get('ticked');
  const referral = m?.get('referral');
  return ticked instanceof Y.Map && referral instanceof Y.Text
    ? { ticked: ticked as Y.Map<boolean>, referral }
    : undefined;
}

export interface StageAnswer {
  ticked: string[];
  referral: string;
}

export function readStage(doc: Y.Doc, stage: number): StageAnswer {
  const m = vignetteStagesOf(doc).get(String(stage));
  if (!m) return { ticked: [], referral: '' };
  const ticked = m.get('ticked');
  const referral = m.get('referral');
  return {
    ticked:
      ticked instanceof Y.Map
        ? // Sorted: map order is not the same on every client.
          [...ticked.entries()]
            .filter(([, v]) => v === true)
            .map(([k]) => k)
            .sort()
        : [],
    referral: referral instanceof Y.Text ? referral.toString() : '',
  };
}

/** Indicators ticked by every group, by some, and by none, for the facilitator's comparison. */
export function compareStage(
  answers: ReadonlyArray<{ group: string; answer: StageAnswer }>,
  indicators: readonly string[],
) {
  return indicators.map((indicator) => {
    const groups = answers.filter((a) => a.answer.ticked.includes(indicator)).map((a) => a.group);
    return { indicator, groups, agreement: answers.length ? groups.length / answers.length : 0 };
  });
}

export function vignetteProgress(doc: Y.Doc): { done: number; total: number } {
  const stages = [...vignetteStagesOf(doc).keys()].map(Number);
  const answered = stages.filter((s) => {
    const a = readStage(doc, s);
    return a.ticked.length > 0 || a.referral.trim().length > 0;
  });
  return { done: answered.length, total: stages.length };
}
