/**
 * The languages Plenary's screens are translated into (BCP 47 tags, as in `<html lang>`).
 * English first: it is the base every other language falls back to. The web's
 * project.inlang/settings.json lists the same tags (a unit test keeps the two equal).
 */
export const LOCALES = ['en', 'ko', 'th', 'vi', 'id', 'km', 'zh-Hans'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'en';

export const isLocale = (tag: unknown): tag is Locale =>
  typeof tag === 'string' && (LOCALES as readonly string[]).includes(tag);

/** A projector shows the workshop in one language, or two side by side (a bilingual room). */
export const MAX_PROJECTOR_LANGUAGES = 2;
export const DEFAULT_PROJECTOR_LANGUAGES: readonly Locale[] = [BASE_LOCALE];

/** A workshop's projector languages: stored ones, else English alone (workshops made before). */
export const projectorLanguagesOf = (w: { projectorLanguages?: readonly Locale[] }): Locale[] =>
  w.projectorLanguages?.length ? [...w.projectorLanguages] : [...DEFAULT_PROJECTOR_LANGUAGES];
