import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_LOCALE, LOCALES } from '@plenary/shared';
import { indexLocaleModule, splitMessageModule } from '../../web/i18n-build.js';

const web = path.join(import.meta.dirname, '../../web');
type Message = string | { declarations?: string[]; match?: Record<string, string> }[];
const read = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(web, file), 'utf8')) as Record<string, unknown>;
/** Every file a language's messages are in (settings.json lists one path pattern per area). */
const settings = read('project.inlang/settings.json') as {
  baseLocale: string;
  locales: string[];
  'plugin.inlang.messageFormat': { pathPattern: string | string[] };
};
const patterns = [settings['plugin.inlang.messageFormat'].pathPattern].flat();
const messagesOf = (locale: string): Record<string, Message> =>
  Object.assign(
    {},
    ...patterns.map((pattern) => {
      const { $schema: _schema, ...messages } = read(pattern.replace('{locale}', locale));
      return messages;
    }),
  ) as Record<string, Message>;

/** The inputs a message uses: `{name}` in its text, `input x` in its declarations. */
function placeholders(message: Message): string[] {
  const texts =
    typeof message === 'string' ? [message] : message.flatMap((m) => Object.values(m.match ?? {}));
  const declared = typeof message === 'string' ? [] : message.flatMap((m) => m.declarations ?? []);
  const names = new Set<string>();
  for (const text of texts) for (const [, name] of text.matchAll(/\{(\w+)\}/g)) names.add(name!);
  for (const d of declared) if (d.startsWith('input ')) names.add(d.slice('input '.length).trim());
  // A local variable (a plural's selector) is not an input.
  for (const d of declared) if (d.startsWith('local ')) names.delete(d.split(/\s+/)[1]!);
  return [...names].sort();
}

describe('the messages', () => {
  const base = messagesOf(BASE_LOCALE);

  it('are compiled for the languages the app offers', () => {
    expect(settings.baseLocale).toBe(BASE_LOCALE);
    expect(settings.locales).toEqual([...LOCALES]);
  });

  it.each(LOCALES.filter((l) => l !== BASE_LOCALE))(
    'exist in %s, every one, with the same placeholders',
    (locale) => {
      const translated = messagesOf(locale);
      expect(Object.keys(translated).sort()).toEqual(Object.keys(base).sort());
      for (const [key, english] of Object.entries(base)) {
        expect(placeholders(translated[key]!), `${locale}: ${key}`).toEqual(placeholders(english));
      }
    },
  );

  it.each([...LOCALES])('are never empty in %s', (locale) => {
    for (const [key, message] of Object.entries(messagesOf(locale))) {
      const texts =
        typeof message === 'string'
          ? [message]
          : message.flatMap((m) => Object.values(m.match ?? {}));
      for (const text of texts) expect(text.trim(), `${locale}: ${key}`).not.toBe('');
    }
  });

  // Areas whose every message is translated: a message with words that reads the same as the
  // English one was copied, not translated (proper names live in the inputs, not the text).
  const fullyTranslated = ['review', 'console-groups'];
  it.each(LOCALES.filter((l) => l !== BASE_LOCALE))(
    'leave no English behind in %s (peer review, follow-up, report; the console’s groups, review, team, follow-up and report panels)',
    (locale) => {
      for (const area of fullyTranslated) {
        const { $schema: _s, ...english } = read(`messages/${area}/en.json`);
        const translated = read(`messages/${area}/${locale}.json`);
        for (const [key, text] of Object.entries(english)) {
          if (typeof text !== 'string' || !/[A-Za-z]{3}/.test(text.replace(/\{\w+\}/g, '')))
            continue;
          expect(translated[key], `${locale}: ${key}`).not.toBe(text);
        }
      }
    },
  );

  it.each([...LOCALES])('have a glossary for %s beside them', (locale) => {
    expect(fs.existsSync(path.join(web, `messages/glossary/${locale}.md`))).toBe(true);
  });

  it('placeholders are read from text and from declarations', () => {
    expect(placeholders('{count} of {total}')).toEqual(['count', 'total']);
    expect(
      placeholders([
        {
          declarations: ['input count', 'local countPlural = count: plural'],
          match: { 'countPlural=one': '{count} vote', 'countPlural=other': '{count} votes' },
        },
      ]),
    ).toEqual(['count']);
  });
});

describe('the build step that keeps other languages out of the page', () => {
  const compiled = [
    '/* eslint-disable */',
    "import { getLocale, experimentalStaticLocale } from '../runtime.js';",
    'const en_hi = (i) => `Hi ${i?.name}`;',
    'const ko_hi = (i) => `안녕 ${i?.name}`;',
    '/** doc */',
    'export const hi = ((inputs, options = {}) => {',
    '\tconst locale = experimentalStaticLocale ?? options.locale ?? getLocale()',
    '\tif (locale === "ko") return ko_hi(inputs)',
    '\treturn en_hi(inputs)',
    '});',
  ].join('\n');

  it('keeps English and looks every other language up in the loaded dictionary', () => {
    const split = splitMessageModule(compiled, ['bye', 'hi']);
    expect(split).toContain("import { translated } from '$lib/i18n/messages.svelte';");
    expect(split).toContain('export const hi = /* @__PURE__ */ translated(1, en_hi);');
    expect(split).not.toMatch(/return ko_hi/);
  });

  it('refuses a module of another shape (a Paraglide upgrade), rather than ship all languages', () => {
    expect(() => splitMessageModule('export const hi = () => "hi"', ['hi'])).toThrow(
      /changed shape/,
    );
    expect(() => splitMessageModule(compiled, ['bye'])).toThrow(/not in messages/);
  });

  it("lists a language's messages in the same order, a missing one as undefined", () => {
    const korean = 'export const hi = (i) => `안녕 ${i?.name}`;';
    expect(indexLocaleModule(korean, ['bye', 'hi'])).toContain('export default [undefined, hi];');
  });
});
