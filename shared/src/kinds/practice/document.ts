import * as Y from 'yjs';

/**
 * A practice write-up: a short structured description of one practice against trafficking,
 * one top-level Y.Text per section ('practice.problem', …). Top-level types need no seeding:
 * two clients typing into a new section at once still share one text.
 */
export const PRACTICE_SECTIONS = [
  {
    key: 'name',
    label: 'Name of the practice',
    prompt: 'A short name others will recognise, e.g. “Joint inspections of fishing boats”.',
    short: true,
  },
  {
    key: 'problem',
    label: 'Problem',
    prompt: 'What problem did it address? For whom, where, and how big was it?',
    short: false,
  },
  {
    key: 'action',
    label: 'What was done',
    prompt: 'What did you do, step by step? Since when, and how often?',
    short: false,
  },
  {
    key: 'actors',
    label: 'Actors',
    prompt: 'Who took part: agencies, NGOs, communities, survivors? Who led?',
    short: false,
  },
  {
    key: 'resources',
    label: 'Resources',
    prompt: 'Staff, money, time and tools it needed, and where they came from.',
    short: false,
  },
  {
    key: 'results',
    label: 'Results',
    prompt: 'What changed? Give numbers where you have them.',
    short: false,
  },
  {
    key: 'evidence',
    label: 'Evidence',
    prompt: 'How do you know? Case records, evaluations, feedback from survivors.',
    short: false,
  },
  {
    key: 'lessons',
    label: 'Lessons',
    prompt: 'What would you do differently? What must others know before copying it?',
    short: false,
  },
] as const;

export type PracticeSection = (typeof PRACTICE_SECTIONS)[number]['key'];
export type Practice = Record<PracticeSection, string>;

/** Longest text of one section, in characters. */
export const PRACTICE_SECTION_MAX = 2000;

const PREFIX = 'practice.';

export const practiceText = (doc: Y.Doc, section: PracticeSection): Y.Text =>
  doc.getText(`${PREFIX}${section}`);

/** Whether a document holds a practice write-up (once anyone has written in it). */
export const isPracticeDoc = (doc: Y.Doc): boolean =>
  [...doc.share.keys()].some((k) => k.startsWith(PREFIX));

export function readPractice(doc: Y.Doc): Practice {
  return Object.fromEntries(
    PRACTICE_SECTIONS.map((s) => [s.key, practiceText(doc, s.key).toString()]),
  ) as Practice;
}

/** Sections written in (the name counts too). */
export function practiceProgress(doc: Y.Doc): { done: number; total: number } {
  const p = readPractice(doc);
  return {
    done: PRACTICE_SECTIONS.filter((s) => p[s.key].trim().length > 0).length,
    total: PRACTICE_SECTIONS.length,
  };
}
