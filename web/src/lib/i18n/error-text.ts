import { BASE_LOCALE, type CommandName, type ErrorCode, type Locale } from '@plenary/shared';
// Relative, not $lib: the unit tests import this module as it is.
import { m } from '../paraglide/messages.js';

/**
 * What a failure the server answered ({ ok: false, code, message }) says to a reader of another
 * language. The server's message is English and names exactly what went wrong: an English page
 * shows it as it is. Another language shows a translation chosen by the code, and by where the
 * failure happened when that makes the code precise (a conflict on a vote is a closed poll); a
 * code with no translation there keeps the server's message.
 */
type Text = (inputs: Record<string, never>, options: { locale: Locale }) => string;

/** Where a participant (or someone at the door) meets a failure. */
export type FailureContext =
  | 'join'
  | 'restore'
  | 'vote.cast'
  | 'question.ask'
  | 'question.upvote'
  | 'me.update'
  | 'review.rate'
  | 'checkin.answer'
  | 'commitment.set'
  | 'artifact.submit';

const BY_CODE: Partial<Record<ErrorCode, Text>> = {
  unauthorized: m.error_unauthorized,
  forbidden: m.error_forbidden,
  not_found: m.error_not_found,
  rate_limited: m.error_rate_limited,
  too_large: m.error_too_large,
  protocol_mismatch: m.error_protocol_mismatch,
  internal: m.error_internal,
};

/** A participant refused a command: they were removed from the workshop. */
const REMOVED = { forbidden: m.error_removed };

const IN_CONTEXT: Record<FailureContext, Partial<Record<ErrorCode, Text>>> = {
  join: { not_found: m.error_join_not_found, conflict: m.error_join_full },
  restore: { bad_request: m.error_restore_not_backup },
  'vote.cast': { ...REMOVED, conflict: m.error_vote_closed, not_found: m.error_poll_gone },
  'question.ask': { ...REMOVED, conflict: m.error_questions_full },
  'question.upvote': { ...REMOVED, not_found: m.error_question_gone },
  'me.update': REMOVED,
  'review.rate': { ...REMOVED, conflict: m.error_review_closed },
  'checkin.answer': { ...REMOVED, conflict: m.error_not_in_group },
  'commitment.set': REMOVED,
  'artifact.submit': { not_found: m.error_document_gone },
};

/** "Could not send your vote.": what a participant was doing, for the notice of a failure. */
const COULD_NOT: Partial<Record<CommandName, Text>> = {
  'vote.cast': m.error_cmd_vote,
  'question.ask': m.error_cmd_question,
  'question.upvote': m.error_cmd_upvote,
  'me.update': m.error_cmd_details,
  'review.rate': m.error_cmd_rating,
  'checkin.answer': m.error_cmd_checkin,
  'commitment.set': m.error_cmd_commitment,
  'artifact.submit': m.error_cmd_submit,
};

export interface Refused {
  /** A code from the closed list, or one this page does not know (a newer server). */
  code: string;
  message: string;
}

const isContext = (name: string): name is FailureContext => name in IN_CONTEXT;

/** The failure in `locale`: the server's English in English, else a translation if there is one. */
export function errorText(
  failure: Refused,
  context: FailureContext | null,
  locale: Locale,
): string {
  if (locale === BASE_LOCALE) return failure.message;
  const code = failure.code as ErrorCode;
  const text = (context && IN_CONTEXT[context][code]) ?? BY_CODE[code];
  return text ? text({}, { locale }) : failure.message;
}

/**
 * The notice for a participant's refused command in a language other than English ("Could not
 * send your vote. This poll is closed: your vote was not counted."), or null for a command that
 * is not a participant's (the console words its own).
 */
export function commandFailureText(
  name: CommandName,
  failure: Refused,
  locale: Locale,
): string | null {
  if (locale === BASE_LOCALE) return null;
  // The console's commands: "Could not do that." in the reader's language, then the reason.
  const couldNot = COULD_NOT[name] ?? m.error_cmd_generic;
  const context = isContext(name) ? name : null;
  // Two sentences: Chinese puts none of its spaces between them.
  const space = locale === 'zh-Hans' ? '' : ' ';
  return `${couldNot({}, { locale })}${space}${errorText(failure, context, locale)}`;
}

// The group page reads only this one: it lives apart, so that page carries none of the rest.
export { docClosedText } from './doc-closed-text.js';
