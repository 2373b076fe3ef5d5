import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CommandInputs,
  CreateWorkshopInput,
  DOC_CLOSE,
  JoinCode,
  JoinInput,
  LIMITS,
  type Locale,
} from '@plenary/shared';
import { compileMessages } from '../../web/i18n-build.js';

/** What the tests use of web/src/lib/i18n/error-text.ts, field-errors.ts and console-fields.ts. */
interface Refused {
  code: string;
  message: string;
}
interface ParseError {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code?: string; message: string }>;
}
type FieldTexts = Record<string, unknown>;
interface ErrorTextModule {
  errorText(failure: Refused, context: string | null, locale: Locale): string;
  commandFailureText(name: string, failure: Refused, locale: Locale): string | null;
  docClosedText(code: number, locale: Locale): string;
}
interface FieldErrorsModule {
  fieldErrorsIn(error: ParseError, texts: FieldTexts, locale: Locale): Record<string, string>;
  createTexts(values: { startsOn: string; endsOn: string }): FieldTexts;
  PROFILE_TEXTS: FieldTexts;
  joinCodeText: unknown;
}
let errors: ErrorTextModule;
let fields: FieldErrorsModule;
let consoleFields: {
  MODULE_TEXTS: FieldTexts;
  ACTIVITY_TEXTS: FieldTexts;
  RENAME_TEXTS: FieldTexts;
};

// The modules read the compiled messages (web/src/lib/paraglide, made by the build): compile
// them first when they are missing or older than messages/*.json. Imported by a path the type
// checker does not follow: it would check the compiled JavaScript, which only web's config reads.
const lib = '../../web/src/lib/i18n';
beforeAll(async () => {
  await compileMessages();
  errors = (await import(`${lib}/error-text.js`)) as ErrorTextModule;
  fields = (await import(`${lib}/field-errors.js`)) as FieldErrorsModule;
  consoleFields = (await import(`${lib}/console-fields.js`)) as typeof consoleFields;
  // A loaded machine (builds and browsers beside it) compiles the messages slowly.
}, 180_000);

const web = path.join(import.meta.dirname, '../../web/messages');
/** A language's messages as the translators wrote them (one area's file). */
const said = (area: string, locale: Locale) =>
  JSON.parse(fs.readFileSync(path.join(web, area, `${locale}.json`), 'utf8')) as Record<
    string,
    string
  >;

const closed = { code: 'conflict', message: 'This poll is closed: your vote was not counted' };

describe('a failure the server answered, in the reader’s language', () => {
  it('is the server’s own message in English', () => {
    expect(errors.errorText(closed, 'vote.cast', 'en')).toBe(closed.message);
    expect(errors.errorText({ code: 'rate_limited', message: 'Slow down' }, null, 'en')).toBe(
      'Slow down',
    );
  });

  it('is chosen by its code and where it happened in another language', () => {
    expect(errors.errorText(closed, 'vote.cast', 'ko')).toBe(
      said('errors', 'ko').error_vote_closed,
    );
    const missing = { code: 'not_found', message: 'No workshop has this join code' };
    expect(errors.errorText(missing, 'join', 'th')).toBe(said('errors', 'th').error_join_not_found);
    const removed = { code: 'forbidden', message: 'You are no longer in this workshop' };
    expect(errors.errorText(removed, 'question.ask', 'vi')).toBe(
      said('errors', 'vi').error_removed,
    );
  });

  it('is chosen by its code alone where the place says nothing more', () => {
    const limited = { code: 'rate_limited', message: 'Too many requests' };
    expect(errors.errorText(limited, 'join', 'km')).toBe(said('errors', 'km').error_rate_limited);
    expect(errors.errorText(limited, null, 'zh-Hans')).toBe(
      said('errors', 'zh-Hans').error_rate_limited,
    );
  });

  it('keeps the server’s message for a code with no translation there', () => {
    const invalid = { code: 'bad_request', message: 'Give at least one score', field: 'scores' };
    expect(errors.errorText(invalid, 'review.rate', 'id')).toBe(invalid.message);
    const unknown = { code: 'teapot', message: 'A newer server said this' };
    expect(errors.errorText(unknown, 'vote.cast', 'ko')).toBe(unknown.message);
  });

  it('says what a participant was doing, then why it failed', () => {
    const ko = said('errors', 'ko');
    expect(errors.commandFailureText('vote.cast', closed, 'ko')).toBe(
      `${ko.error_cmd_vote} ${ko.error_vote_closed}`,
    );
    const zh = said('errors', 'zh-Hans');
    expect(errors.commandFailureText('vote.cast', closed, 'zh-Hans')).toBe(
      `${zh.error_cmd_vote}${zh.error_vote_closed}`,
    );
  });

  it('leaves English to the words it had, and says what failed in the console’s language', () => {
    expect(errors.commandFailureText('vote.cast', closed, 'en')).toBeNull();
    const notRunning = { code: 'conflict', message: 'The timer is not running' };
    const ko = said('errors', 'ko');
    expect(errors.commandFailureText('timer.pause', notRunning, 'ko')).toBe(
      `${ko.error_cmd_generic} ${errors.errorText(notRunning, null, 'ko')}`,
    );
  });

  it('says in English what could not be done, why, and what to do next', async () => {
    const { englishFailure } = (await import(`${lib}/command-failure.js`)) as {
      englishFailure(name: string, f: Refused): string;
    };
    const notRunning = { code: 'conflict', message: 'The timer is not running' };
    expect(englishFailure('timer.pause', notRunning)).toBe(
      'Could not pause the timer. The timer is not running.',
    );
    // The refusal says who may: said once, not followed by a guess at who (it was twice).
    const refused = { code: 'forbidden', message: 'Only the facilitator can do that' };
    expect(englishFailure('timer.start', refused)).toBe(
      'Could not start the timer. Only the facilitator can do that.',
    );
    const late = { code: 'rate_limited', message: 'Too many requests' };
    expect(englishFailure('review.rate', late)).toBe(
      'Could not save your rating. Too many requests. Wait a few seconds, then try again.',
    );
  });
});

describe('why a group’s document closed', () => {
  it('is said by its close code, in the reader’s language', () => {
    expect(errors.docClosedText(DOC_CLOSE.gone, 'ko')).toBe(said('errors', 'ko').error_doc_gone);
    expect(errors.docClosedText(DOC_CLOSE.unauthorized, 'en')).toBe(
      'You were removed from this workshop, so this document is closed.',
    );
    expect(errors.docClosedText(1006, 'th')).toBe(said('errors', 'th').error_doc_closed);
  });
});

describe('what a form says beside a field', () => {
  const badCreate = [
    { title: '', startsOn: null, endsOn: null, venue: 'x'.repeat(500) },
    { title: 't'.repeat(500), startsOn: '2026-11-27', endsOn: '2026-11-23', venue: '' },
    { title: 'Training', startsOn: '27/11/2026', endsOn: null, venue: '\u200b' },
  ];
  const createValues = (input: (typeof badCreate)[number]) => ({
    startsOn: input.startsOn ?? '',
    endsOn: input.endsOn ?? '',
  });
  const failed = <T>(result: { success: boolean; error?: T }): T => {
    expect(result.success).toBe(false);
    return result.error!;
  };

  it('is the schema’s own English in English', () => {
    for (const input of badCreate) {
      const error = failed(CreateWorkshopInput.safeParse(input));
      const english = fields.fieldErrorsIn(error, fields.createTexts(createValues(input)), 'en');
      for (const [field, text] of Object.entries(english))
        expect(text).toBe(error.issues.find((i) => i.path[0] === field)!.message);
    }
    const join = failed(JoinInput.safeParse({ joinCode: 'K7', name: ' ', country: 'Atlantis' }));
    expect(fields.fieldErrorsIn(join, fields.PROFILE_TEXTS, 'en')).toEqual({
      joinCode: 'A join code has 6 characters',
      name: 'Name is required',
      country: 'Choose a country from the list',
    });
  });

  it('is in the reader’s language for the create form', () => {
    const home = said('home', 'ko');
    const [empty, reversed] = badCreate;
    const first = failed(CreateWorkshopInput.safeParse(empty));
    expect(fields.fieldErrorsIn(first, fields.createTexts(createValues(empty!)), 'ko')).toEqual({
      title: home.home_error_title_required,
      venue: home.home_error_venue_too_long!.replace('{max}', '120'),
    });
    const second = failed(CreateWorkshopInput.safeParse({ ...reversed, title: 'Training' }));
    expect(fields.fieldErrorsIn(second, fields.createTexts(createValues(reversed!)), 'ko')).toEqual(
      { endsOn: home.home_error_dates_order },
    );
  });

  it('is in the reader’s language for the join form and the home page’s code', () => {
    const t = said('errors', 'th');
    const join = failed(JoinInput.safeParse({ joinCode: 'K7M2QX', name: '', country: 'Atlantis' }));
    expect(fields.fieldErrorsIn(join, fields.PROFILE_TEXTS, 'th')).toEqual({
      name: t.error_name_required,
      country: t.error_country_choose,
    });
    const code = failed(JoinCode.safeParse('K7M2Q!'));
    expect(fields.fieldErrorsIn(code, { form: fields.joinCodeText }, 'th').form).toBe(
      said('home', 'th').home_code_invalid,
    );
  });
});

describe('what the console’s forms say beside a field', () => {
  function refused(result: { success: boolean; error?: ParseError }): ParseError {
    expect(result.success).toBe(false);
    return result.error!;
  }
  const noTitle = refused(CommandInputs['module.add'].safeParse({ title: ' ' }));
  const longTitle = refused(
    CommandInputs['activity.add'].safeParse({
      moduleId: 'm1',
      title: 'x'.repeat(LIMITS.title + 1),
      plannedMinutes: Number.NaN,
    }),
  );

  it('is in the facilitator’s language for a module, an activity and a new name', () => {
    expect(fields.fieldErrorsIn(noTitle, consoleFields.MODULE_TEXTS, 'ko').title).toBe(
      said('console', 'ko').console_error_module_title_required,
    );
    const activity = fields.fieldErrorsIn(longTitle, consoleFields.ACTIVITY_TEXTS, 'th');
    expect(activity.title).toBe(
      said('console', 'th').console_error_activity_title_too_long!.replace(
        '{max}',
        String(LIMITS.title),
      ),
    );
    expect(activity.plannedMinutes).toBe(said('console', 'th').console_error_planned_minutes);
    const tooLong = refused(
      CommandInputs['activity.add'].safeParse({
        moduleId: 'm1',
        title: 'Case',
        plannedMinutes: 1e5,
      }),
    );
    expect(fields.fieldErrorsIn(tooLong, consoleFields.ACTIVITY_TEXTS, 'vi').plannedMinutes).toBe(
      said('console', 'vi').console_error_planned_minutes_range!.replace(
        '{max}',
        String(LIMITS.plannedMinutes),
      ),
    );
    const noName = refused(
      CommandInputs['participant.rename'].safeParse({ participantId: 'p1', name: '' }),
    );
    expect(fields.fieldErrorsIn(noName, consoleFields.RENAME_TEXTS, 'km').name).toBe(
      said('errors', 'km').error_name_required,
    );
  });

  it('is the schema’s own English in English', () => {
    expect(fields.fieldErrorsIn(noTitle, consoleFields.MODULE_TEXTS, 'en').title).toBe(
      noTitle.issues[0]!.message,
    );
    const english = fields.fieldErrorsIn(longTitle, consoleFields.ACTIVITY_TEXTS, 'en');
    for (const issue of longTitle.issues)
      expect(english[String(issue.path[0])]).toBe(issue.message);
  });
});
