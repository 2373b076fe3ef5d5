import type { Locale } from '@plenary/shared';

/**
 * Numbers, money, dates, times and plural categories in a language, through `Intl` (no tables of
 * our own). Pure: the language is an argument; each formatter is made once per language.
 */
const cache = new Map<string, unknown>();

function cached<T>(key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

/** 1,234.5 in English, 1.234,5 in Indonesian, 1,234.5 in Thai… */
export const formatNumber = (locale: Locale, n: number, maximumFractionDigits = 1): string =>
  cached(
    `n:${locale}:${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits }),
  ).format(n);

/** A score or mean with a fixed number of decimals: "4.0", "2.5" ("2,5" in Indonesian). */
export const formatFixed = (locale: Locale, n: number, digits = 1): string =>
  cached(
    `f:${locale}:${digits}`,
    () =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  ).format(n);

/** A share as a percentage: 0.42 is "42%" (Khmer and Thai keep their own conventions). */
export const formatPercent = (locale: Locale, share: number): string =>
  cached(`p:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent' })).format(share);

/** A budget amount in its currency (ISO 4217), whole units: "US$1,200", "1.200 US$". */
export const formatCurrency = (locale: Locale, amount: number, currency: string): string =>
  cached(
    `c:${locale}:${currency}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }),
  ).format(amount);

/**
 * Khmer's month names as CLDR has them, for browsers built without Khmer's calendar data (Debian's
 * Chromium reads `km` as English: "Dec 7, 2026"); a unit test checks them against Node's CLDR.
 */
export const KHMER_MONTHS = [
  'មករា',
  'កុម្ភៈ',
  'មីនា',
  'មេសា',
  'ឧសភា',
  'មិថុនា',
  'កក្កដា',
  'សីហា',
  'កញ្ញា',
  'តុលា',
  'វិច្ឆិកា',
  'ធ្នូ',
] as const;

/** "7 ធ្នូ 2026": a day in Khmer as CLDR writes it (day, month, year). */
export const khmerDay = (isoDay: string): string => {
  const [year, month, day] = isoDay.split('-').map(Number) as [number, number, number];
  return `${day} ${KHMER_MONTHS[month - 1]} ${year}`;
};

const knowsDates = (locale: string): boolean =>
  cached(`dk:${locale}`, () => Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0);

/** A calendar day (YYYY-MM-DD, no time zone): "27 Nov 2026", "2026년 11월 27일". English puts
 * the day first, as the UN and these workshops' programmes write dates (not "Nov 27, 2026"). */
export const formatDay = (locale: Locale, isoDay: string): string =>
  locale === 'km' && !knowsDates('km') ? khmerDay(isoDay) : formatDayIntl(locale, isoDay);

const formatDayIntl = (locale: Locale, isoDay: string): string =>
  cached(
    `d:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  ).format(new Date(`${isoDay}T00:00:00Z`));

/** A clock time of an instant in the device's time zone (or the one given): "14:05", "오후 2:05". */
export const formatTime = (locale: Locale, at: number, timeZone?: string): string =>
  cached(
    `t:${locale}:${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }),
  ).format(at);

/** Which plural form `n` takes in a language ("one", "other"…): Korean, Thai, Khmer, Vietnamese,
 * Indonesian and Chinese have only "other". */
export const pluralCategory = (locale: Locale, n: number): Intl.LDMLPluralRule =>
  cached(`r:${locale}`, () => new Intl.PluralRules(locale)).select(n);

/** "Ana, Ben and Chen" / "Ana, Ben 및 Chen": a list joined the language's way. */
export const formatList = (locale: Locale, items: readonly string[]): string =>
  cached(
    `l:${locale}`,
    () => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
  ).format(items);
