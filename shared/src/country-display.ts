import { BASE_LOCALE } from './locales.js';

/**
 * Country names for reading, without the country table: what a phone needs to show "Viet Nam"
 * beside a name. The browser's `Intl.DisplayNames` knows every region in every language; in
 * English, the names a workshop shows (the UN's, or common ones) differ from CLDR's for about
 * fifty codes, kept below. The full table with every spelling people type, for forms and the
 * server, is `countries.ts` (3.7 KB gzip that a voter's page need not download); a unit test
 * checks that both give the same name for every code in both styles.
 */

/** Which names a workshop shows: the UN's (the default, for UN-affiliated centres) or common ones. */
export const COUNTRY_NAME_STYLES = ['un', 'common'] as const;
export type CountryNameStyle = (typeof COUNTRY_NAME_STYLES)[number];
export const DEFAULT_COUNTRY_NAMES: CountryNameStyle = 'un';

/**
 * English names that differ from CLDR's English: one string when both styles use it, otherwise
 * [common, un] with 0 where the style reads as CLDR does.
 */
const ENGLISH: Readonly<Record<string, string | readonly [string | 0, string | 0]>> = {
  AG: 'Antigua and Barbuda',
  BA: 'Bosnia and Herzegovina',
  BL: 'Saint Barthélemy',
  BN: [0, 'Brunei Darussalam'],
  BO: [0, 'Bolivia (Plurinational State of)'],
  BQ: [0, 'Bonaire, Sint Eustatius and Saba'],
  CD: ['DR Congo', 'Democratic Republic of the Congo'],
  CG: ['Republic of the Congo', 'Congo'],
  CV: [0, 'Cabo Verde'],
  FK: ['Falkland Islands', 'Falkland Islands (Malvinas)'],
  FM: [0, 'Micronesia (Federated States of)'],
  GB: [0, 'United Kingdom of Great Britain and Northern Ireland'],
  GS: 'South Georgia and the South Sandwich Islands',
  HK: ['Hong Kong', 'China, Hong Kong Special Administrative Region'],
  HM: ['Heard and McDonald Islands', 'Heard Island and McDonald Islands'],
  IR: [0, 'Iran (Islamic Republic of)'],
  KN: 'Saint Kitts and Nevis',
  KP: [0, 'Democratic People’s Republic of Korea'],
  KR: [0, 'Republic of Korea'],
  LA: [0, 'Lao People’s Democratic Republic'],
  LC: 'Saint Lucia',
  MD: [0, 'Republic of Moldova'],
  MF: ['Saint Martin', 'Saint Martin (French part)'],
  MM: 'Myanmar',
  MO: ['Macao', 'China, Macao Special Administrative Region'],
  NL: [0, 'Netherlands (Kingdom of the)'],
  PM: 'Saint Pierre and Miquelon',
  PN: [0, 'Pitcairn'],
  PS: ['Palestine', 'State of Palestine'],
  RU: [0, 'Russian Federation'],
  SH: 'Saint Helena',
  SJ: ['Svalbard and Jan Mayen', 'Svalbard and Jan Mayen Islands'],
  ST: ['São Tomé and Príncipe', 'Sao Tome and Principe'],
  SX: [0, 'Sint Maarten (Dutch part)'],
  SY: [0, 'Syrian Arab Republic'],
  TC: 'Turks and Caicos Islands',
  TR: ['Turkey', 0],
  TT: 'Trinidad and Tobago',
  TW: [0, 'Taiwan, Province of China'],
  TZ: [0, 'United Republic of Tanzania'],
  UM: [0, 'United States Minor Outlying Islands'],
  US: [0, 'United States of America'],
  VA: [0, 'Holy See'],
  VC: 'Saint Vincent and the Grenadines',
  VE: [0, 'Venezuela (Bolivarian Republic of)'],
  VI: [0, 'United States Virgin Islands'],
  VN: [0, 'Viet Nam'],
  WF: ['Wallis and Futuna', 'Wallis and Futuna Islands'],
  XK: [0, 'Kosovo (under UNSCR 1244)'],
};

const displays = new Map<string, Intl.DisplayNames>();
const display = (locale: string): Intl.DisplayNames => {
  let d = displays.get(locale);
  if (!d) {
    d = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    displays.set(locale, d);
  }
  return d;
};

/**
 * A country's name in a language: in English, the workshop's style; in another language, the
 * name Intl knows there ("Việt Nam", "ประเทศไทย"), else the English one. Not a code: as given.
 */
export function countryNameIn(
  locale: string,
  code: string,
  style: CountryNameStyle = DEFAULT_COUNTRY_NAMES,
): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  const english = () => englishCountryName(code, style, display('en').of(code));
  return locale === BASE_LOCALE ? english() : (display(locale).of(code) ?? english());
}

/**
 * The English name in a style, given the name CLDR's English has for the code (which differs a
 * little between engines: Chromium says "Falkland Islands (Islas Malvinas)", Node "Falkland
 * Islands"; the table above covers both).
 */
export function englishCountryName(
  code: string,
  style: CountryNameStyle,
  cldr: string | undefined,
): string {
  const own = ENGLISH[code];
  const name = typeof own === 'string' ? own : own?.[style === 'un' ? 1 : 0];
  return name || (cldr ?? code);
}
