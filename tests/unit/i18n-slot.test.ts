import { describe, expect, it } from 'vitest';
import { SLOT, aroundSlot } from '../../web/src/lib/i18n/slot.js';

describe('a translated sentence with markup in it', () => {
  it('splits where the language put the marked-up input', () => {
    expect(aroundSlot(`Send this link to ${SLOT} privately.`)).toEqual([
      'Send this link to ',
      ' privately.',
    ]);
    expect(aroundSlot(`이 링크를 ${SLOT}에게 개인적으로 보내세요.`)).toEqual([
      '이 링크를 ',
      '에게 개인적으로 보내세요.',
    ]);
    expect(aroundSlot(`${SLOT}: the key`)).toEqual(['', ': the key']);
  });

  it('keeps a sentence without the input whole', () => {
    expect(aroundSlot('Showing everything')).toEqual(['Showing everything', '']);
  });
});
