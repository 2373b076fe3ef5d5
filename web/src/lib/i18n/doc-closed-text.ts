import { DOC_CLOSE, type Locale } from '@plenary/shared';
// Relative, not $lib: the unit tests import this module as it is.
import { m } from '../paraglide/messages.js';

type Text = (inputs: Record<string, never>, options: { locale: Locale }) => string;

/** What a close code from the document server (group editing) means, in words for the reader. */
const DOC_CLOSED: Record<number, Text> = {
  [DOC_CLOSE.unauthorized]: m.error_doc_removed,
  [DOC_CLOSE.forbidden]: m.error_doc_forbidden,
  [DOC_CLOSE.gone]: m.error_doc_gone,
  [DOC_CLOSE.tooLarge]: m.error_doc_full,
  [DOC_CLOSE.badMessage]: m.error_doc_bad_message,
};

/** Why a co-edited document's connection closed, in `locale`. */
export const docClosedText = (code: number, locale: Locale): string =>
  (DOC_CLOSED[code] ?? m.error_doc_closed)({}, { locale });
