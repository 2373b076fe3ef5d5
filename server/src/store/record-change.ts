import { applyOps, applyOpsCopying, diffJson, type Op } from './json-diff.js';
import { RECENT_COMMANDS, type StoredWorkshop } from './store.js';

/**
 * What turns one stored record into the next, as the stores' journals keep it (lowdb.ts,
 * redis.ts): the changes and the command ids added, or the whole record when the new one does
 * not build on the old (a restore starts its command ids again).
 */
export type Change = { o: Op[]; c: string[] } | { r: StoredWorkshop };

export function changeBetween(base: StoredWorkshop, now: StoredWorkshop): Change {
  const added = addedCommands(base.recentCommands, now.recentCommands);
  if (!added) return { r: now };
  return { o: diffJson(base.workshop, now.workshop), c: added };
}

/**
 * Whether a change must not stay in a journal for long: it replaces a whole record, or it
 * touches an anonymous poll (one vote's entry pairs the voter list's new name with the new
 * ballot, which the folded record no longer does).
 */
export function isSensitive(change: Change, base: StoredWorkshop, now: StoredWorkshop): boolean {
  if ('r' in change) return true;
  return change.o.some((op) => touchesAnonymousPoll(op, base, now));
}

/** Applies `change` to `record` in place (a freshly parsed record). */
export function applyChangeInPlace(record: StoredWorkshop, change: Change): StoredWorkshop {
  if ('r' in change) return change.r;
  applyOps(record.workshop, change.o);
  record.recentCommands = [...record.recentCommands, ...change.c].slice(-RECENT_COMMANDS);
  return record;
}

/** The record `change` makes of `record`, which stays as it was (it may be shared). */
export function applyChange(record: StoredWorkshop, change: Change): StoredWorkshop {
  if ('r' in change) return change.r;
  return {
    workshop: applyOpsCopying(record.workshop, change.o),
    recentCommands: [...record.recentCommands, ...change.c].slice(-RECENT_COMMANDS),
  };
}

/**
 * The command ids `after` adds to `before` (most recent last, bounded), or undefined when it
 * does not build on it (a restore starts again from none).
 */
export function addedCommands(before: string[], after: string[]): string[] | undefined {
  if (before.length === 0) return after.slice();
  const last = before[before.length - 1];
  const at = after.lastIndexOf(last!);
  if (at < 0) return undefined;
  const added = after.slice(at + 1);
  const expected = [...before, ...added].slice(-RECENT_COMMANDS);
  if (expected.length !== after.length) return undefined;
  for (let i = 0; i < after.length; i++) if (expected[i] !== after[i]) return undefined;
  return added;
}

/** Whether `op` changes an anonymous poll (or the list of polls while one is anonymous). */
export function touchesAnonymousPoll(
  op: Op,
  before: StoredWorkshop,
  after: StoredWorkshop,
): boolean {
  if (op.p[0] !== 'polls') return false;
  const polls = [...before.workshop.polls, ...after.workshop.polls];
  if (op.p.length === 1 || ('d' in op && op.p.length === 2)) return polls.some((p) => p.anonymous);
  const i = op.p[1] as number;
  return Boolean(before.workshop.polls[i]?.anonymous || after.workshop.polls[i]?.anonymous);
}
