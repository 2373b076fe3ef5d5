import { BASE_LOCALE, type Locale } from '@plenary/shared';

/**
 * The running side of the messages: which language they speak, and the dictionary of every
 * language but English, loaded on demand. The compiled message functions (`m.*` from
 * $lib/paraglide/messages) are rewritten at build time (web/i18n-build.js) to call `translated`.
 */
type MessageFunction = (inputs?: Record<string, unknown>) => string;
/** A language's messages in the order of their ids (web/i18n-build.js numbers them). */
type Dictionary = readonly (MessageFunction | undefined)[];

const loaders = import.meta.glob<Dictionary>(
  [
    '../paraglide-locales/messages/*.js',
    '!../paraglide-locales/messages/_index.js',
    '!../paraglide-locales/messages/en.js',
  ],
  { import: 'default' },
);
const dictionaries: Partial<Record<Locale, Dictionary>> = {};

/** The browser's language: state, so every message shown re-renders when it changes. */
let chosen = $state<Locale>(BASE_LOCALE);
/** On the server, the language of the request being rendered (set by hooks.server.ts). */
let requestLocale: (() => Locale) | null = null;

export function getLocale(): Locale {
  return requestLocale ? requestLocale() : chosen;
}

/** Server only: where the language of the request being rendered comes from. */
export function useRequestLocale(source: () => Locale): void {
  requestLocale = source;
}

/** A compiled message in the chosen language, English while that language is still loading. */
export function translated(index: number, english: MessageFunction) {
  return (inputs?: Record<string, unknown>, options?: { locale?: Locale }): string => {
    const locale = options?.locale ?? getLocale();
    if (locale === BASE_LOCALE) return english(inputs);
    return (dictionaries[locale]?.[index] ?? english)(inputs);
  };
}

/** Fetches a language's dictionary (one chunk per language) unless it is here already. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (locale === BASE_LOCALE || dictionaries[locale]) return;
  const load = loaders[`../paraglide-locales/messages/${locale}.js`];
  if (!load) throw new Error(`No messages compiled for ${locale}`);
  dictionaries[locale] = await load();
}

/** Shows the page in `locale` once its messages are here; `<html lang>` follows. */
export async function showLocale(locale: Locale): Promise<void> {
  await loadLocale(locale);
  if (typeof document === 'undefined') return;
  chosen = locale;
  document.documentElement.lang = locale;
}
