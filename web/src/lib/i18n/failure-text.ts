import { BASE_LOCALE, type CommandName } from '@plenary/shared';
import type { FailureContext, Refused } from './error-text.js';
import { getLocale } from './messages.svelte.js';

/**
 * A refused command's words in the page's language, for the live pages: an English page says
 * the server's own message, and only another language fetches the translations (error-text.ts,
 * a chunk of its own), so the voting page carries none of them.
 */
export async function failureText(failure: Refused, context: FailureContext): Promise<string> {
  const locale = getLocale();
  if (locale === BASE_LOCALE) return failure.message;
  const { errorText } = await import('./error-text.js');
  return errorText(failure, context, locale);
}

/** "Could not send your vote. This poll is closed…" in another language, or null (say it in English). */
export async function commandFailure(name: CommandName, failure: Refused): Promise<string | null> {
  const locale = getLocale();
  if (locale === BASE_LOCALE) return null;
  const { commandFailureText } = await import('./error-text.js');
  return commandFailureText(name, failure, locale);
}
