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
