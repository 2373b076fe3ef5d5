import { describe, expect, it } from 'vitest';
import {
  formatCurrency,
  formatDay,
  formatFixed,
  formatList,
  formatNumber,
  formatPercent,
  formatTime,
  khmerDay,
  pluralCategory,
} from '../../web/src/lib/i18n/intl.js';

// Intl's output is written out here on purpose: these are what a participant reads.
const normalSpaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('numbers, money and shares in each language', () => {
  it('groups digits the language’s way', () => {
    expect(formatNumber('en', 1234.56)).toBe('1,234.6');
    expect(formatNumber('id', 1234.56)).toBe('1.234,6');
    expect(formatNumber('vi', 1234.56)).toBe('1.234,6');
  });

  it('writes a budget amount in its currency, whole units', () => {
    expect(formatCurrency('en', 1200, 'USD')).toBe('$1,200');
    expect(formatCurrency('ko', 1200, 'USD')).toBe('US$1,200');
    expect(normalSpaces(formatCurrency('id', 1200, 'IDR'))).toBe('Rp 1.200');
    expect(formatCurrency('th', 1200, 'THB')).toBe('฿1,200');
  });

  it('writes a score with its one decimal, with the language’s decimal mark', () => {
    expect(formatFixed('en', 4)).toBe('4.0');
    expect(formatFixed('th', 2.45)).toBe('2.5');
    expect(formatFixed('id', 2.5)).toBe('2,5');
    expect(formatFixed('vi', 3.25, 2)).toBe('3,25');
  });

  it('writes a share as a percentage', () => {
    expect(formatPercent('en', 0.42)).toBe('42%');
    expect(normalSpaces(formatPercent('vi', 0.42))).toBe('42%');
  });
});

describe('dates and times', () => {
  it('writes a calendar day whatever the time zone', () => {
    expect(formatDay('en', '2026-11-27')).toBe('27 Nov 2026');
    expect(formatDay('th', '2026-11-27')).toBe('27 พ.ย. 2569'); // the Thai (Buddhist) year
    expect(formatDay('ko', '2026-11-27')).toBe('2026년 11월 27일');
    expect(formatDay('zh-Hans', '2026-11-27')).toBe('2026年11月27日');
  });

  it('writes a day in Khmer as CLDR does, also where the browser has no Khmer calendar', () => {
    // Debian's Chromium has no Khmer date data: formatDay then uses its own month names, which
    // must read as CLDR's (here, under Node's full ICU) for every month.
    for (let month = 1; month <= 12; month++) {
      const day = `2026-${String(month).padStart(2, '0')}-07`;
      expect(khmerDay(day)).toBe(formatDay('km', day));
    }
    expect(khmerDay('2026-12-07')).toBe('7 ធ្នូ 2026');
  });

  it('writes a clock time in the time zone given', () => {
    const at = Date.UTC(2026, 10, 27, 5, 5);
    expect(formatTime('en', at, 'Asia/Seoul')).toBe('2:05 PM');
    expect(formatTime('vi', at, 'Asia/Seoul')).toBe('14:05');
    expect(formatTime('id', at, 'Asia/Seoul')).toBe('14.05');
  });
});

describe('plurals and lists', () => {
  it('has one and other in English and Indonesian only other', () => {
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('en', 2)).toBe('other');
    expect(pluralCategory('id', 1)).toBe('other');
    expect(pluralCategory('ko', 1)).toBe('other');
  });

  it('joins a list the language’s way', () => {
    expect(formatList('en', ['Ana', 'Ben', 'Chen'])).toBe('Ana, Ben, and Chen');
    expect(formatList('ko', ['Ana', 'Ben'])).toBe('Ana 및 Ben');
  });
});
