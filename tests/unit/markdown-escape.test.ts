import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mdBlock, mdInline } from '@plenary/shared';

/**
 * The escaped text read as CommonMark reads it: a backslash before ASCII punctuation is that
 * character, literal; every other character is raw (it could mean something).
 */
function read(md: string): Array<{ c: string; escaped: boolean }> {
  const out: Array<{ c: string; escaped: boolean }> = [];
  for (let i = 0; i < md.length; i++) {
    const next = md[i + 1];
    if (md[i] === '\\' && next !== undefined && /[!-/:-@[-`{-~]/.test(next)) {
      out.push({ c: next, escaped: true });
      i++;
    } else out.push({ c: md[i]!, escaped: false });
  }
  return out;
}

const literal = (md: string) =>
  read(md)
    .map((t) => t.c)
    .join('');

/** Every way one line of the output could still be read as Markdown, by name. */
function constructs(line: string): string[] {
  const t = read(line);
  const raw = (i: number, chars: string) => !!t[i] && !t[i]!.escaped && chars.includes(t[i]!.c);
  const found: string[] = [];
  t.forEach((x, i) => {
    if (raw(i, '\\`*_~[]<>|&#$@')) found.push(`raw ${x.c}`);
    if (raw(i, ':') && t[i + 1]?.c === '/' && t[i + 2]?.c === '/') found.push('url autolink');
    const before = t.slice(Math.max(0, i - 3), i).map((y) => y.c);
    if (raw(i, '.') && /^www$/i.test(before.join(''))) found.push('www autolink');
  });
  if (raw(0, '-+=:')) found.push('block start');
  const digits = t.findIndex((x) => !/\d/.test(x.c));
  if (digits > 0 && raw(digits, '.)')) found.push('ordered list');
  if (/^\s|\s$/.test(line)) found.push('edge whitespace');
  return found;
}

const NASTY = [
  '---',
  '===',
  '- - -',
  '***',
  '___',
  '#',
  '## ',
  '> ',
  '- ',
  '+ ',
  '* ',
  '1. ',
  '12) ',
  '| a | b |',
  '|---|',
  ':--',
  '`',
  '```',
  '~~~',
  '~~x~~',
  '<',
  '<div>',
  '<!--',
  '&amp;',
  '&#42;',
  '[a](b)',
  '![i](x.png)',
  '[^1]',
  '[x]: http://a.b',
  'http://example.com',
  'https://x.y/z',
  'ftp://f.g',
  'www.example.com',
  'WWW.EXAMPLE.COM',
  'mailto:a@b.co',
  'a@b.co',
  '@everyone',
  '\\',
  '$x$',
  '\n',
  '\r',
  '\r\n',
  '    ',
  '\t',
  '_',
  '*',
  'x',
  'é',
  '\u200B',
];

const nastyText = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 4 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('Markdown escaping of what people typed', () => {
  it('leaves no construct in one line, and reads back as the text typed', () => {
    fc.assert(
      fc.property(nastyText, (text) => {
        const md = mdInline(text);
        expect(md).not.toMatch(/\n/);
        expect(constructs(md)).toEqual([]);
        expect(literal(md)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps line breaks in a block, each line free of constructs', () => {
    fc.assert(
      fc.property(nastyText, (text) => {
        const lines = mdBlock(text).split('  \n');
        const typed = text
          .split(/\r\n|\r|\n/)
          .map((l) => l.replace(/\s+/g, ' ').trim())
          .filter(Boolean);
        for (const line of lines) if (line) expect(constructs(line), line).toEqual([]);
        expect(lines.filter(Boolean).map(literal)).toEqual(typed);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a rule or a setext underline typed under another line as text', () => {
    expect(mdBlock('Findings\n---')).toBe('Findings  \n\\---');
    expect(mdBlock('Findings\n===')).toBe('Findings  \n\\===');
    expect(mdBlock('Findings\r- - -')).toBe('Findings  \n\\- - -');
  });

  it('keeps bare addresses from becoming links', () => {
    expect(mdInline('see https://example.com or www.example.org')).toBe(
      'see https\\://example.com or www\\.example.org',
    );
    expect(mdInline('write to ana@example.org')).toBe('write to ana\\@example.org');
  });

  it('keeps a leading number, bullet, heading or quote as text', () => {
    expect(mdInline('2024. A good year')).toBe('2024\\. A good year');
    expect(mdInline('+ plus')).toBe('\\+ plus');
    expect(mdInline('# C#')).toBe('\\# C\\#');
    expect(mdInline('> said')).toBe('\\> said');
    expect(mdInline('a | b')).toBe('a \\| b');
  });
});
