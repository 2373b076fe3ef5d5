import { describe, expect, it } from 'vitest';
import {
  chooseLocale,
  cookieValue,
  matchLocale,
  parseAcceptLanguage,
} from '../../web/src/lib/i18n/choose-locale.js';

describe('matching a browser language to a supported one', () => {
  it('takes the language of a regional tag', () => {
    expect(matchLocale('ko-KR')).toBe('ko');
    expect(matchLocale('th-TH')).toBe('th');
    expect(matchLocale('km-KH')).toBe('km');
    expect(matchLocale('VI')).toBe('vi');
    expect(matchLocale('en-AU')).toBe('en');
  });

  it('serves Simplified Chinese to zh, zh-CN, zh-SG and zh-Hans, not to Traditional', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans-CN'])
      expect(matchLocale(tag)).toBe('zh-Hans');
    for (const tag of ['zh-TW', 'zh-HK', 'zh-Hant', 'zh-Hant-TW'])
      expect(matchLocale(tag)).toBeUndefined();
  });

  it("reads Indonesian's retired code and ignores languages it does not have", () => {
    expect(matchLocale('in-ID')).toBe('id');
    expect(matchLocale('fr-FR')).toBeUndefined();
    expect(matchLocale('')).toBeUndefined();
  });
});

describe('Accept-Language', () => {
  it('lists the tags by weight, ties in the order given, dropping q=0 and *', () => {
    expect(parseAcceptLanguage('fr;q=0.5, th-TH, km;q=0.9, en;q=0.9, de;q=0, *;q=0.1')).toEqual([
      'th-TH',
      'km',
      'en',
      'fr',
    ]);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });
});

describe('choosing the language to show', () => {
  it("prefers the device's own choice over the profile and the browser", () => {
    expect(chooseLocale({ stored: 'km', profile: 'ko', browser: ['th'] })).toBe('km');
  });

  it("takes the profile's language on a device that chose none", () => {
    expect(chooseLocale({ stored: null, profile: 'vi', browser: ['th'] })).toBe('vi');
  });

  it('follows the first browser language it has, else English', () => {
    expect(chooseLocale({ browser: ['fr-FR', 'zh-CN', 'ko'] })).toBe('zh-Hans');
    expect(chooseLocale({ browser: ['fr-FR', 'de'] })).toBe('en');
    expect(chooseLocale({})).toBe('en');
  });

  it('ignores a stored or profile value that is not a language it has', () => {
    expect(chooseLocale({ stored: 'xx', profile: 'zh-TW', browser: ['id-ID'] })).toBe('id');
  });
});

describe('cookies', () => {
  it('reads one cookie among several, decoded', () => {
    expect(cookieValue('a=1; plenary-locale=zh-Hans; b=x%3Dy', 'plenary-locale')).toBe('zh-Hans');
    expect(cookieValue('a=1; b=x%3Dy', 'b')).toBe('x=y');
    expect(cookieValue('', 'plenary-locale')).toBeNull();
  });
});
