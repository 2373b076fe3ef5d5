import type { Locale } from '@plenary/shared';
import { formatNumber } from '$lib/i18n/intl';

/** "3 of 8" kinds of counts, with both numbers in the language's digits. */
export const counts = (locale: Locale, done: number, total: number) => ({
  done: formatNumber(locale, done),
  total: formatNumber(locale, total),
});
