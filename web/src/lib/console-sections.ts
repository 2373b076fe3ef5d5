/**
 * The parts of the facilitator console, in the order of its navigation, each with the key that
 * jumps to it. Digits: N, P and Space already run the agenda and the timer, and letters are what
 * people type. A part added later (a panel with its own `id`) is one line here.
 */
export interface ConsoleSection {
  /** The element's id in the console. */
  id: string;
  label: string;
  key: string;
  /**
   * Shown to a moderator too: a part with something a moderator may do (questions, showing one
   * on the projector, their own name in the team) or read. The rest runs commands only a
   * facilitator may run (shared COMMANDS' roles; tests/unit/console-sections.test.ts holds the
   * two together), so a moderator's console leaves them out.
   */
  moderator?: true;
}

export const CONSOLE_SECTIONS: readonly ConsoleSection[] = [
  { id: 'agenda', label: 'Agenda', key: '1' },
  { id: 'polls', label: 'Polls', key: '2' },
  { id: 'questions', label: 'Questions', key: '3', moderator: true },
  { id: 'groups', label: 'Groups', key: '4' },
  { id: 'review', label: 'Peer review', key: '5' },
  { id: 'follow-up', label: 'Follow-up', key: '6' },
  { id: 'report', label: 'Report', key: '7' },
  { id: 'team', label: 'Team', key: '8', moderator: true },
  { id: 'settings', label: 'Settings', key: '9' },
  { id: 'roster', label: 'Participants', key: '0', moderator: true },
];

/** The parts a console shows: every one to a facilitator, a moderator's own to a moderator. */
export const sectionsFor = (moderator: boolean): readonly ConsoleSection[] =>
  moderator ? CONSOLE_SECTIONS.filter((s) => s.moderator) : CONSOLE_SECTIONS;

/** The section a key press jumps to, if any (the caller has ruled out typing in a field). */
export function sectionForKey(key: string, moderator = false): ConsoleSection | undefined {
  return sectionsFor(moderator).find((s) => s.key === key);
}

/**
 * Brings a part of the console into view and moves focus to its heading, without touching the
 * address (its hash holds the facilitator key). A part that is a closed disclosure is opened
 * through its summary, so it fills in as a click would. False when the part is not there.
 */
export function jumpTo(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  const details = el instanceof HTMLDetailsElement ? el : el.querySelector('details');
  if (details && !details.open) details.querySelector('summary')?.click();
  // Scroll only the column that holds it (laptop), or the page (phone: under the sticky menu).
  const scroller = scrollerOf(el);
  if (scroller)
    scroller.scrollTop += el.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  else el.scrollIntoView({ block: 'start' });
  const heading = el.querySelector<HTMLElement>('h2, summary');
  if (heading) {
    if (heading.tagName === 'H2') heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
  return true;
}

/** The nearest ancestor that scrolls its own content, if any. */
function scrollerOf(el: HTMLElement): HTMLElement | null {
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const overflow = getComputedStyle(a).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && a.scrollHeight > a.clientHeight) return a;
  }
  return null;
}
