import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_LOCALE, CommandInputs, LIMITS, LOCALES, type Locale } from '@plenary/shared';
import { compileMessages } from '../../web/i18n-build.js';

/**
 * The console's own messages (web/messages/console: agenda, current activity, join, polls,
 * questions, roster) in every language. Shapes the generic message test cannot see.
 */
type Message = string | { match: Record<string, string> }[];
const read = (locale: string): Record<string, Message> =>
  JSON.parse(
    fs.readFileSync(
      path.join(import.meta.dirname, `../../web/messages/console/${locale}.json`),
      'utf8',
    ),
  ) as Record<string, Message>;

/**
 * A button that shows a short word and is named in full for a screen reader ("Rename" /
 * "Rename module Day 1"): what it shows must be part of its name (WCAG 2.5.3, label in name),
 * or a person who says "Rename" to voice control does not reach it. Word order differs by
 * language, so each translation must keep the shown words together inside the full name.
 */
const SHOWN_AND_NAMED = [
  ['console_rename', 'console_module_rename_named'],
  ['console_rename', 'console_rename_named'],
  ['console_delete', 'console_module_delete_named'],
  ['console_activity_add_button', 'console_activity_add_to'],
  ['console_make_current', 'console_make_current_named'],
  ['console_edit', 'console_edit_named'],
  ['console_remove_participant', 'console_remove_participant_named'],
  ['console_poll_delete', 'console_poll_delete_named'],
  ['console_poll_option_remove', 'console_poll_option_remove_named'],
  ['console_open_projector', 'console_open_projector_new_tab'],
] as const;

/** Words only: a leading "+" or the quotes around a title are not spoken. */
const words = (text: string) =>
  text
    .replace(/[^\p{L}\p{M}\p{N}{}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the console’s messages', () => {
  it.each([...LOCALES])('name each button with the words it shows, in %s', (locale) => {
    const messages = read(locale);
    for (const [shown, named] of SHOWN_AND_NAMED) {
      const label = messages[shown];
      const name = messages[named];
      expect(typeof label === 'string' && typeof name === 'string').toBe(true);
      expect(words(name as string), `${locale}: ${named}`).toContain(words(label as string));
    }
  });

  it.each(LOCALES.filter((l) => l !== BASE_LOCALE))(
    'leave no English sentence behind in %s',
    (locale) => {
      const { $schema: _s, ...english } = read(BASE_LOCALE);
      const translated = read(locale);
      for (const [key, text] of Object.entries(english)) {
        if (typeof text !== 'string' || !/[A-Za-z]{3}/.test(text.replace(/\{\w+\}/g, ''))) continue;
        expect(translated[key], `${locale}: ${key}`).not.toBe(text);
      }
    },
  );
});

/** What the tests use of web/src/lib/i18n/console-fields.ts and field-errors.ts. */
interface ParseError {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code?: string; message: string }>;
}
type FieldTexts = Record<string, unknown>;
let fieldErrorsIn: (error: ParseError, texts: FieldTexts, locale: Locale) => Record<string, string>;
let texts: { MODULE_TEXTS: FieldTexts; ACTIVITY_TEXTS: FieldTexts; RENAME_TEXTS: FieldTexts };

// The modules read the compiled messages: compile them first when they are missing or older.
// Imported by a path the type checker does not follow (it would check the compiled JavaScript).
const lib = '../../web/src/lib/i18n';
beforeAll(async () => {
  await compileMessages();
  ({ fieldErrorsIn } = (await import(`${lib}/field-errors.js`)) as {
    fieldErrorsIn: typeof fieldErrorsIn;
  });
  texts = (await import(`${lib}/console-fields.js`)) as typeof texts;
}, 60_000);

function refused(result: { success: boolean; error?: ParseError }): ParseError {
  expect(result.success).toBe(false);
  return result.error!;
}
const said = (locale: string, key: string) => read(locale)[key] as string;

describe('the console’s forms', () => {
  const noTitle = refused(CommandInputs['module.add'].safeParse({ title: ' ' }));
  const longTitle = refused(
    CommandInputs['activity.add'].safeParse({
      moduleId: 'm1',
      title: 'x'.repeat(LIMITS.title + 1),
      plannedMinutes: Number.NaN,
    }),
  );

  it('say what is wrong with a field in the facilitator’s language', () => {
    expect(fieldErrorsIn(noTitle, texts.MODULE_TEXTS, 'ko').title).toBe(
      said('ko', 'console_error_module_title_required'),
    );
    const activity = fieldErrorsIn(longTitle, texts.ACTIVITY_TEXTS, 'th');
    expect(activity.title).toBe(
      said('th', 'console_error_activity_title_too_long').replace('{max}', String(LIMITS.title)),
    );
    expect(activity.plannedMinutes).toBe(said('th', 'console_error_planned_minutes'));
    const tooLong = refused(
      CommandInputs['activity.add'].safeParse({
        moduleId: 'm1',
        title: 'Case',
        plannedMinutes: 1e5,
      }),
    );
    expect(fieldErrorsIn(tooLong, texts.ACTIVITY_TEXTS, 'vi').plannedMinutes).toBe(
      said('vi', 'console_error_planned_minutes_range').replace(
        '{max}',
        String(LIMITS.plannedMinutes),
      ),
    );
    const noName = refused(
      CommandInputs['participant.rename'].safeParse({ participantId: 'p1', name: '' }),
    );
    expect(fieldErrorsIn(noName, texts.RENAME_TEXTS, 'km').name).not.toBe(
      noName.issues[0]!.message,
    );
  });

  it('keep the schemas’ own English', () => {
    expect(fieldErrorsIn(noTitle, texts.MODULE_TEXTS, 'en').title).toBe(noTitle.issues[0]!.message);
    const english = fieldErrorsIn(longTitle, texts.ACTIVITY_TEXTS, 'en');
    for (const issue of longTitle.issues)
      expect(english[String(issue.path[0])]).toBe(issue.message);
  });
});
