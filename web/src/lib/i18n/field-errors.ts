import { JOIN_CODE_LENGTH, type Locale } from '@plenary/shared';
// Relative, not $lib: the unit tests import this module as it is.
import { m } from '../paraglide/messages.js';

/**
 * The shared schemas' messages are English ("Name is required"): what a form shows beside a
 * field in the reader's language, chosen by the field and the kind of issue (zod's code). The
 * same on the server (a form posted without scripts, in the request's language) and in the page.
 */
export interface Issue {
  path: ReadonlyArray<PropertyKey>;
  code?: string;
  message: string;
  maximum?: number | bigint;
}

interface ParseError {
  issues: ReadonlyArray<Issue>;
}

type Options = { locale: Locale };
/** A field's text for an issue, or undefined to keep the schema's English. */
type FieldText = (issue: Issue, options: Options) => string | undefined;
export type FieldTexts = Record<string, FieldText>;

const max = (issue: Issue) => ({ max: Number(issue.maximum) });

/** Required text (a name, a title): too long, or else missing (empty or nothing visible). */
export const required =
  (
    missing: (i: object, o: Options) => string,
    tooLong: (i: { max: number }, o: Options) => string,
  ) =>
  (issue: Issue, options: Options) =>
    issue.code === 'too_big' ? tooLong(max(issue), options) : missing({}, options);

/** Optional text: only its length has words of its own here. */
const optional =
  (
    tooLong: (i: { max: number }, o: Options) => string,
    invisible?: (i: object, o: Options) => string,
  ) =>
  (issue: Issue, options: Options) =>
    issue.code === 'too_big' ? tooLong(max(issue), options) : invisible?.({}, options);

/** A join code as typed: six characters from the code's alphabet. */
export const joinCodeText: FieldText = (issue, options) =>
  issue.code === 'too_small' || issue.code === 'too_big'
    ? m.home_code_length({ length: JOIN_CODE_LENGTH }, options)
    : m.home_code_invalid({}, options);

/** A participant's details: the join form and My details. */
export const PROFILE_TEXTS: FieldTexts = {
  joinCode: joinCodeText,
  name: required(m.error_name_required, m.error_name_too_long),
  country: (_, options) => m.error_country_choose({}, options),
  city: optional(m.error_city_too_long),
  organisation: optional(m.error_organisation_too_long),
  role: optional(m.error_role_too_long),
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The create-workshop form; `endsOn` holds two rules (a real date, not before the first day). */
export function createTexts(values: { startsOn: string; endsOn: string }): FieldTexts {
  const inOrder = !ISO_DAY.test(values.startsOn) || values.endsOn >= values.startsOn;
  return {
    title: required(m.home_error_title_required, m.home_error_title_too_long),
    venue: optional(m.home_error_venue_too_long, m.home_error_venue_invisible),
    startsOn: (_, options) => m.home_error_date_invalid({}, options),
    endsOn: (issue, options) =>
      issue.code === 'custom' && ISO_DAY.test(values.endsOn) && !inOrder
        ? m.home_error_dates_order({}, options)
        : m.home_error_date_invalid({}, options),
  };
}

/** The first issue of each top-level field, in `locale` where its field has words for it. */
export function fieldErrorsIn(
  error: ParseError,
  texts: FieldTexts,
  locale: Locale,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= texts[field]?.(issue, { locale }) ?? issue.message;
  }
  return out;
}
