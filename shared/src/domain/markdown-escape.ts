/**
 * Text people typed, escaped for Markdown (CommonMark with GitHub's extensions) so that it
 * renders as exactly what they typed: never a heading, list, quote, rule, table, code, link,
 * image, autolink, HTML, entity, emphasis or math. Escapes are backslashes before ASCII
 * punctuation, which every CommonMark viewer shows as the character alone.
 */

/**
 * Punctuation with a meaning anywhere in a line: escapes, code, emphasis, strikethrough, links
 * and images, HTML and autolinks, entities, table cells, heading closers, math (GitHub).
 */
const INLINE = /[\\`*_~[\]<>|&#$]/g;

/**
 * GitHub's bare links: `http://`, `https://`, `ftp://` (the colon), `www.` (the dot) and e-mail
 * addresses and mentions (the at sign).
 */
const AUTOLINK = [
  [/:(?=\/\/)/g, '\\:'],
  [/(?<=www)\./gi, '\\.'],
  [/@/g, '\\@'],
] as const;

/**
 * What opens a block at the start of a line: a list bullet, a thematic break or setext
 * underline (`-`, `=`), a table's delimiter row (`:`), an ordered list's number (`1.`, `1)`).
 * `#`, `>`, `*`, `_`, `` ` ``, `~` and `<` are escaped wherever they are.
 */
const LINE_START = /^([-+=:])|^(\d{1,9})([.)])/;

/** One line of text: whitespace collapsed, and nothing in it read as Markdown or HTML. */
export function mdInline(text: string): string {
  let s = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(INLINE, (c) => `\\${c}`);
  for (const [pattern, replacement] of AUTOLINK) s = s.replace(pattern, replacement);
  return s.replace(LINE_START, (_, mark?: string, digits?: string, dot?: string) =>
    mark ? `\\${mark}` : `${digits}\\${dot}`,
  );
}

/** A paragraph of one line: `mdInline` already keeps its start from opening a block. */
export const mdParagraph = mdInline;

/** Text that may run over several lines: each line escaped, line breaks kept. */
export const mdBlock = (text: string): string =>
  text
    .split(/\r\n|\r|\n/)
    .map(mdInline)
    .filter(Boolean)
    .join('  \n');
