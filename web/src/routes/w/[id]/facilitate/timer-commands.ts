import type { Connection } from '$lib/connection.svelte';
import { sectionForKey } from '$lib/console-sections';
import { m } from '$lib/paraglide/messages';

/** The one timer action that fits now: start when idle, pause when running, resume when paused. */
export function primaryTimerAction(status: 'idle' | 'running' | 'paused' | undefined): {
  label: string;
  run: (conn: Connection) => void;
} {
  switch (status) {
    case 'running':
      return {
        label: m.console_timer_pause(),
        run: (c) => void c.commands.send('timer.pause', {}),
      };
    case 'paused':
      return {
        label: m.console_timer_resume(),
        run: (c) => void c.commands.send('timer.resume', {}),
      };
    default:
      return {
        label: m.console_timer_start(),
        run: (c) => void c.commands.send('timer.start', {}),
      };
  }
}

/**
 * Keyboard shortcuts only act when focus is not in something that takes typing or Space: N, P,
 * Space for the agenda and the timer, a digit for a part of the console (console-sections.ts).
 * A moderator runs neither agenda nor timer: only their own parts' digits act.
 */
export function shortcutTarget(
  event: KeyboardEvent,
  moderator = false,
): 'next' | 'previous' | 'timer' | { section: string } | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (document.querySelector('dialog[open]')) return null;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'))
    return null;
  const key = event.key.toLowerCase();
  if (moderator) {
    const own = sectionForKey(event.key, true);
    return own ? { section: own.id } : null;
  }
  if (key === 'n') return 'next';
  if (key === 'p') return 'previous';
  const section = sectionForKey(event.key);
  if (section) return { section: section.id };
  // Space on a button, link or summary activates it: leave that alone.
  if (key === ' ' && !target?.closest('button, a, summary, [role="button"]')) return 'timer';
  return null;
}
