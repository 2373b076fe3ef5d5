import type { CommandName, ErrorCode, Failure } from '@plenary/shared';

/** What each command does, in English: "Could not …", "Plenary will … when back online". */
export const WHAT: Partial<Record<CommandName, string>> = {
  'workshop.update': 'save the workshop settings',
  'module.add': 'add the module',
  'module.update': 'rename the module',
  'module.move': 'move the module',
  'module.delete': 'delete the module',
  'activity.add': 'add the activity',
  'activity.update': 'save the activity',
  'activity.move': 'move the activity',
  'activity.delete': 'delete the activity',
  'activity.setCurrent': 'change the current activity',
  'activity.step': 'change the current activity',
  'timer.start': 'start the timer',
  'timer.pause': 'pause the timer',
  'timer.resume': 'resume the timer',
  'timer.adjust': 'change the time',
  'timer.reset': 'reset the timer',
  'participant.rename': 'rename the participant',
  'participant.remove': 'remove the participant',
  'me.update': 'save your details',
  'review.open': 'open the peer review',
  'review.setState': 'change the peer-review round',
  'review.reveal': 'change who sees the comparison',
  'review.delete': 'delete the peer-review round',
  'review.rate': 'save your rating',
  'checkin.add': 'add the check-in',
  'checkin.update': 'change the check-in',
  'checkin.delete': 'delete the check-in',
  'checkin.answer': 'send your group’s check-in',
  'commitment.set': 'save your commitment',
};

/** What to do next; a refusal (forbidden) says itself who may, so it has none here. */
const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  unauthorized: 'Open the link you were given again.',
  not_found: 'Someone may have changed it just now: check the page and try again.',
  rate_limited: 'Wait a few seconds, then try again.',
  internal: 'Try again in a moment.',
};

const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

/** A refused command in English: what could not be done, why, and what to do next. */
export function englishFailure(name: CommandName, f: Failure): string {
  const next = NEXT_STEP[f.code];
  return [`Could not ${WHAT[name] ?? 'do that'}.`, sentence(f.message), next]
    .filter(Boolean)
    .join(' ');
}
