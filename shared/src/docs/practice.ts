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

/** The one edit that turns `before` into `after`: what lies between their common ends. */
export function textChange(
  before: string,
  after: string,
): { index: number; remove: number; insert: string } {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  return {
    index: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

/**
 * Applies a textarea's new value to a shared text as the smallest edit, so that two people
 * typing in different places of the same section both keep their words.
 */
export function setText(text: Y.Text, value: string, origin?: unknown): void {
  const { index, remove, insert } = textChange(text.toString(), value);
  if (remove === 0 && insert === '') return;
  const apply = () => {
    if (remove > 0) text.delete(index, remove);
    if (insert) text.insert(index, insert);
  };
  if (text.doc) text.doc.transact(apply, origin);
  else apply();
}

/**
 * Where a caret at `index` goes when a remote edit (a Yjs delta) changes the text: text
 * inserted or deleted before it moves it; text at or after it does not.
 */
export function shiftIndex(
  index: number,
  delta: ReadonlyArray<{ insert?: unknown; retain?: number; delete?: number }>,
): number {
  let pos = 0;
  let moved = index;
  for (const op of delta) {
    if (pos >= moved) break;
    if (op.retain !== undefined) pos += op.retain;
    else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      moved += length;
      pos += length;
    } else if (op.delete !== undefined) {
      moved -= Math.min(op.delete, moved - pos);
    }
  }
  return moved;
}
