import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 22, item 9: "1 members", "0 of 1 groups submitted". Every count in the console's words
 * goes through `plural()` / `pluralWord()` ($lib/format, Intl.PluralRules); this reads the
 * console's sources for the two shapes a hand-written plural takes.
 */
const CONSOLE = join(import.meta.dirname, '../../web/src/routes/w/[id]/facilitate');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.(svelte|ts)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

/** `n === 1 ? 'criterion' : 'criteria'`, `link${n === 1 ? '' : 's'}` */
const CHOSEN_BY_HAND = /[!=]==\s*1\s*\?\s*['"`]/;
/** `{items.length} groups`, `${count} activities`: a count, then a plural noun. */
const COUNT_THEN_NOUN =
  /\$?\{[^{}]*(?:\.length|[cC]ount|[tT]otal|\bn)\}\s+(?!of\b|in\b|on\b|is\b|are\b)[a-z-]+s\b/;

function handWrittenPlurals(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => CHOSEN_BY_HAND.test(line) || COUNT_THEN_NOUN.test(line))
    .map((line) => line.trim());
}

describe('counts in the console', () => {
  it('finds the shapes of a hand-written plural', () => {
    expect(handWrittenPlurals("{n === 1 ? 'criterion' : 'criteria'}")).toHaveLength(1);
    expect(
      handWrittenPlurals('<p>{submitted} of {artifacts.length} groups submitted</p>'),
    ).toHaveLength(1);
    expect(handWrittenPlurals('`its ${module.activities.length} activities`')).toHaveLength(1);
    expect(handWrittenPlurals("{plural(artifacts.length, 'group')} submitted")).toEqual([]);
    expect(handWrittenPlurals('{done} of {items.length}')).toEqual([]);
  });

  it('are all said through the plural helper', () => {
    const found = sources(CONSOLE).flatMap((file) =>
      handWrittenPlurals(readFileSync(file, 'utf8')).map((l) => `${relative(CONSOLE, file)}: ${l}`),
    );
    expect(found).toEqual([]);
  });
});
