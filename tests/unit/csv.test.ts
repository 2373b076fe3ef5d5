import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '@plenary/server';

const TRIGGERS = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫', '−'];
const INVISIBLE_OR_SPACE = [' ', '\u00A0', '\u3000', '\u200B', '\u200E', '\u2060', '\uFEFF'];

/** The cell's text as a spreadsheet reads it: quotes undone. */
const unquoted = (cell: string) =>
  cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;

describe('CSV cells', () => {
  it.each([...TRIGGERS, '\t', '\r', '\n'].map((t) => [JSON.stringify(t), t]))(
    'defuses a cell that starts with %s',
    (_, t) => {
      expect(unquoted(csvCell(`${t}HYPERLINK("http://x.example")`))).toBe(
        `'${t}HYPERLINK("http://x.example")`,
      );
    },
  );

  it('defuses a formula start behind spaces or invisible characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...INVISIBLE_OR_SPACE), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...TRIGGERS),
        fc.string(),
        (lead, trigger, rest) => {
          const text = `${lead.join('')}${trigger}${rest}`;
          expect(unquoted(csvCell(text))).toBe(`'${text}`);
        },
      ),
    );
  });

  it('leaves ordinary text and numbers as they are', () => {
    expect(csvCell('Maria Santos')).toBe('Maria Santos');
    expect(csvCell('Cebu, PH')).toBe('"Cebu, PH"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('e-mail')).toBe('e-mail');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
