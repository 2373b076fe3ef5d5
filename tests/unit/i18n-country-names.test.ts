import { describe, expect, it } from 'vitest';
import {
  COUNTRY_CODES,
  COUNTRY_NAME_STYLES,
  countryName,
  countryNameIn,
} from '../../shared/src/index.js';
import { countryIn, reportCountryIn } from '../../web/src/lib/i18n/country-names.js';

// What a participant reads beside a name in Who is here; the stored value is the ISO code.
describe('a country shown in a language', () => {
  it('is named by Intl in that language', () => {
    expect(countryIn('vi', 'VN', 'un')).toBe('Việt Nam');
    expect(countryIn('vi', 'TH', 'un')).toBe('Thái Lan');
    expect(countryIn('th', 'PH', 'un')).toBe('ฟิลิปปินส์');
    expect(countryIn('km', 'KH', 'common')).toBe('កម្ពុជា');
    expect(countryIn('ko', 'KR', 'un')).toBe('대한민국');
    expect(countryIn('zh-Hans', 'ID', 'un')).toBe('印度尼西亚');
  });

  it('keeps the workshop’s choice of UN or common names in English', () => {
    expect(countryIn('en', 'VN', 'un')).toBe('Viet Nam');
    expect(countryIn('en', 'VN', 'common')).toBe('Vietnam');
    expect(countryIn('en', 'LA', 'un')).toBe('Lao People’s Democratic Republic');
  });

  it('reads, without the country table, every code as the table names it in both styles', () => {
    // The voting page names countries through Intl plus the English names that differ from CLDR's;
    // the table (for forms and the server) must agree with it everywhere.
    const differ = COUNTRY_NAME_STYLES.flatMap((style) =>
      COUNTRY_CODES.filter(
        (code) => countryNameIn('en', code, style) !== countryName(code, style),
      ).map(
        (code) =>
          `${style} ${code}: ${countryNameIn('en', code, style)} / ${countryName(code, style)}`,
      ),
    );
    expect(differ).toEqual([]);
    expect(COUNTRY_CODES.length).toBeGreaterThan(240);
  });

  it('falls back to the stored value when it is not a country code Intl knows', () => {
    expect(countryIn('vi', 'XX', 'un')).toBe('XX');
    expect(countryIn('th', '', 'un')).toBe('');
  });
});

// The report carries English names (the workshop's choice) beside each ISO code.
describe('a country the report names, for its reader', () => {
  it('keeps the report’s own name in English', () => {
    expect(reportCountryIn('en', 'VN', 'Vietnam')).toBe('Vietnam');
  });

  it('is named by Intl in another language', () => {
    expect(reportCountryIn('ko', 'VN', 'Viet Nam')).toBe('베트남');
    expect(reportCountryIn('th', 'KH', 'Cambodia')).toBe('กัมพูชา');
  });
});
