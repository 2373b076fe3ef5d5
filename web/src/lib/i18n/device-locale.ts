import { isLocale, type Locale } from '@plenary/shared';
import { LOCALE_COOKIE, cookieValue } from './choose-locale';

const ONE_YEAR_S = 60 * 60 * 24 * 365;

/** The language this device chose before, if it chose one. */
export function storedLocale(): Locale | null {
  const value = cookieValue(document.cookie, LOCALE_COOKIE);
  return isLocale(value) ? value : null;
}

/** Remembers the device's choice: a cookie, so the server renders `<html lang>` with it too. */
export function rememberLocale(locale: Locale): void {
  document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
}
