import { describe, expect, it } from 'vitest';
import {
  COUNTRY_CODES,
  countryCodeFor,
  countryKey,
  countryList,
  countryName,
} from '@plenary/shared';

/** Issue 22, item 4: the names the UN writes and the ones people use find the same country. */
describe('country names', () => {
  const pairs: Array<[string, string, string]> = [
    ['VN', 'Viet Nam', 'Vietnam'],
    ['LA', 'Lao People’s Democratic Republic', 'Laos'],
    ['KR', 'Republic of Korea', 'South Korea'],
    ['TR', 'Türkiye', 'Turkey'],
    ['MM', 'Myanmar', 'Burma'],
    ['TL', 'Timor-Leste', 'East Timor'],
    ['BN', 'Brunei Darussalam', 'Brunei'],
    ['KP', 'Democratic People’s Republic of Korea', 'North Korea'],
    ['IR', 'Iran (Islamic Republic of)', 'Iran'],
    ['RU', 'Russian Federation', 'Russia'],
    ['SY', 'Syrian Arab Republic', 'Syria'],
    ['TZ', 'United Republic of Tanzania', 'Tanzania'],
    ['BO', 'Bolivia (Plurinational State of)', 'Bolivia'],
    ['VE', 'Venezuela (Bolivarian Republic of)', 'Venezuela'],
    ['MD', 'Republic of Moldova', 'Moldova'],
    ['CI', 'Côte d’Ivoire', 'Ivory Coast'],
    ['CV', 'Cabo Verde', 'Cape Verde'],
    ['CZ', 'Czechia', 'Czech Republic'],
    ['SZ', 'Eswatini', 'Swaziland'],
    ['MK', 'North Macedonia', 'Macedonia'],
    ['FM', 'Micronesia (Federated States of)', 'Micronesia'],
    ['GB', 'United Kingdom of Great Britain and Northern Ireland', 'United Kingdom'],
    ['US', 'United States of America', 'United States'],
    ['CD', 'Democratic Republic of the Congo', 'DR Congo'],
    ['CG', 'Congo', 'Republic of the Congo'],
  ];

  it.each(pairs)('%s: the UN name and the common name both find it', (code, un, common) => {
    expect(countryCodeFor(un)).toBe(code);
    expect(countryCodeFor(common)).toBe(code);
    expect(countryName(code, 'un')).toBe(un);
  });

  it('ignores case, accents, spaces and punctuation', () => {
    expect(countryCodeFor('viet nam')).toBe('VN');
    expect(countryCodeFor('VIETNAM')).toBe('VN');
    expect(countryCodeFor("Cote d'Ivoire")).toBe('CI');
    expect(countryCodeFor('cote divoire')).toBe('CI');
    expect(countryCodeFor('turkiye')).toBe('TR');
    expect(countryCodeFor('Lao Peoples Democratic Republic')).toBe('LA');
    expect(countryCodeFor('Iran, Islamic Republic of')).toBe('IR');
    expect(countryCodeFor('  timor leste ')).toBe('TL');
    expect(countryCodeFor('Bosnia & Herzegovina')).toBe('BA');
    expect(countryCodeFor('São Tomé and Príncipe')).toBe('ST');
    expect(countryCodeFor('Sao Tome and Principe')).toBe('ST');
  });

  it('still takes codes, and refuses what is no country', () => {
    expect(countryCodeFor('ph')).toBe('PH');
    expect(countryCodeFor('Atlantis')).toBeUndefined();
    expect(countryCodeFor('')).toBeUndefined();
    expect(countryCodeFor('()')).toBeUndefined();
  });

  it('every name of every country finds that country and no other', () => {
    for (const style of ['un', 'common'] as const)
      for (const [code, name] of countryList(style)) expect(countryCodeFor(name)).toBe(code);
    // No two countries share a name once case, accents and punctuation are gone.
    const keys = new Map<string, string>();
    for (const code of COUNTRY_CODES)
      for (const style of ['un', 'common'] as const) {
        const key = countryKey(countryName(code, style));
        expect(keys.get(key) ?? code).toBe(code);
        keys.set(key, code);
      }
  });

  it('lists every country once in each style, sorted by the name shown', () => {
    for (const style of ['un', 'common'] as const) {
      const list = countryList(style);
      expect(list.map(([c]) => c).toSorted()).toEqual([...COUNTRY_CODES].toSorted());
      const names = list.map(([, n]) => n);
      expect(names).toEqual(names.toSorted(new Intl.Collator('en').compare));
    }
    expect(countryList('un').some(([, n]) => n === 'Viet Nam')).toBe(true);
    expect(countryList('common').some(([, n]) => n === 'Vietnam')).toBe(true);
    expect(countryName('VN')).toBe('Viet Nam');
  });
});
