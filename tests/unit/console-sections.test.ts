import { describe, expect, it } from 'vitest';
import { CONSOLE_SECTIONS, sectionForKey } from '../../web/src/lib/console-sections.js';

describe('the console’s navigation', () => {
  it('reaches every part the day needs, Team included', () => {
    expect(CONSOLE_SECTIONS.map((s) => s.label)).toEqual(
      expect.arrayContaining([
        'Agenda',
        'Polls',
        'Questions',
        'Groups',
        'Peer review',
        'Follow-up',
        'Report',
        'Team',
        'Settings',
      ]),
    );
    expect(sectionForKey('8')?.id).toBe('team');
  });

  it('gives each part its own key, none of them N, P or Space, nor a letter one types', () => {
    const keys = CONSOLE_SECTIONS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(CONSOLE_SECTIONS.map((s) => s.id)).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[0-9]$/);
    for (const key of ['n', 'N', 'p', 'P', ' ', 'a', 'Enter'])
      expect(sectionForKey(key)).toBeUndefined();
  });
});
