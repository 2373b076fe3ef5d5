import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_LOCALE, LOCALES } from '@plenary/shared';

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
