import { BASE_LOCALE, LOCALES, isLocale, type Locale } from '@plenary/shared';

/** Each language named in itself, as the language menu lists it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  ko: '한국어',
  th: 'ไทย',
  vi: 'Tiếng Việt',
  id: 'Bahasa Indonesia',
  km: 'ភាសាខ្មែរ',
  'zh-Hans': '简体中文',
};

/** The cookie that remembers a device's choice (read by the server for `<html lang>`). */
export const LOCALE_COOKIE = 'plenary-locale';

/** Chinese written in Traditional characters: not served Simplified as if it were the same. */
const TRADITIONAL_CHINESE = /^zh-(hant|tw|hk|mo)(-|$)/;

/**
 * The supported language a browser language tag asks for, if any: `ko-KR` is Korean, `zh-CN`,
 * `zh-SG` and `zh` are Simplified Chinese, `in` is Indonesian's retired code.
 */
export function matchLocale(tag: string): Locale | undefined {
  const lower = tag.trim().toLowerCase();
  if (!lower) return undefined;
  if (lower.startsWith('zh')) return TRADITIONAL_CHINESE.test(lower) ? undefined : 'zh-Hans';
  const primary = lower.split('-')[0]!;
  if (primary === 'in') return 'id';
  return LOCALES.find((locale) => locale === primary);
}

/** The language tags of an Accept-Language header, most wanted first. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}

export interface LocaleSources {
  /** What this device chose before (its cookie). */
  stored?: string | null;
  /** The participant's profile language, once the server sent it. */
  profile?: string | null;
  /** The browser's languages, most wanted first (navigator.languages or Accept-Language). */
  browser?: readonly string[];
}

/**
 * The language to show: the device's own choice, else the profile's (a second device of the
 * same participant), else the first browser language we have, else English.
 */
export function chooseLocale({ stored, profile, browser = [] }: LocaleSources): Locale {
  if (isLocale(stored)) return stored;
  if (isLocale(profile)) return profile;
  for (const tag of browser) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return BASE_LOCALE;
}

/** The value of one cookie in a Cookie header or `document.cookie`. */
export function cookieValue(cookies: string | null | undefined, name: string): string | null {
  for (const part of (cookies ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}
