import { countryNameIn, type CountryNameStyle, type Locale } from '@plenary/shared';

/**
 * A country as a participant or the projector reads it: in English, the name the workshop chose
 * (UN or common, as stored); in another language, the name Intl knows in that language
 * ("Việt Nam", "ประเทศไทย"), from the ISO code that is stored. A code Intl does not know keeps
 * the English name. The stored value never changes, and typing still matches the UN names.
 * Reading needs no country table (`countryNameIn`): the voting page stays light.
 */
export const countryIn = (locale: Locale, code: string, style: CountryNameStyle): string =>
  countryNameIn(locale, code, style);

/**
 * A country as the report names it (in English, as the workshop chose), for a reader of `locale`:
 * the same name in English, else the name Intl knows in that language, from the ISO code.
 */
export const reportCountryIn = (locale: Locale, code: string, englishName: string): string =>
  locale === 'en' ? englishName : countryNameIn(locale, code, 'un');
