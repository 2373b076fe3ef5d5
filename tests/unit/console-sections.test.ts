import { describe, expect, it } from 'vitest';
import { COMMANDS, type CommandName } from '@plenary/shared';
import {
  CONSOLE_SECTIONS,
  sectionForKey,
  sectionsFor,
} from '../../web/src/lib/console-sections.js';

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

/**
 * Issue 22: a moderator's console. What each part of the console sends; a moderator's console
 * shows a part when the server's command table (COMMANDS) lets a moderator run one of them, and
 * the participants (to read; renaming and removing are hidden there).
 */
const SENDS: Record<string, readonly CommandName[]> = {
  agenda: ['module.add', 'activity.update', 'activity.setCurrent', 'timer.start'],
  polls: ['poll.create', 'poll.setState', 'poll.reveal', 'poll.delete'],
  questions: ['question.setState', 'screen.show'],
  groups: ['group.create', 'group.assign', 'breakout.set', 'exercise.launch', 'gallery.set'],
  review: ['review.open', 'review.setState', 'review.reveal'],
  'follow-up': ['checkin.add', 'checkin.update', 'checkin.delete'],
  report: [],
  team: ['team.rename', 'team.invite', 'team.revoke', 'key.rotate'],
  settings: ['workshop.update'],
  roster: ['participant.rename', 'participant.remove'],
};
const READ_BY_MODERATORS = ['roster'];

describe('a moderator’s console', () => {
  const mayModerate = (name: CommandName) =>
    (COMMANDS[name].roles as readonly string[]).includes('moderator');

  it('shows every part holding a command a moderator may run, and hides the others', () => {
    expect(Object.keys(SENDS).sort()).toEqual(CONSOLE_SECTIONS.map((s) => s.id).sort());
    const shown = sectionsFor(true).map((s) => s.id);
    for (const s of CONSOLE_SECTIONS) {
      const useful = SENDS[s.id]!.some(mayModerate) || READ_BY_MODERATORS.includes(s.id);
      expect(shown.includes(s.id), s.id).toBe(useful);
    }
    // Every command the table gives a moderator is in a part they see.
    const moderated = (Object.keys(COMMANDS) as CommandName[]).filter(mayModerate);
    expect(moderated.length).toBeGreaterThan(0);
    for (const name of moderated)
      expect(
        shown.some((id) => SENDS[id]!.includes(name)),
        name,
      ).toBe(true);
    expect(sectionsFor(false)).toBe(CONSOLE_SECTIONS);
  });

  it('jumps only to a moderator’s own parts by key', () => {
    expect(sectionForKey('3', true)?.id).toBe('questions');
    expect(sectionForKey('2', true)).toBeUndefined();
    expect(sectionForKey('2')?.id).toBe('polls');
  });
});
