import { BASE_LOCALE, type Locale } from '@plenary/shared';
import { loadLocale, showLocale } from './messages.svelte';

/**
 * The languages a projector shows (the workshop's setting), once their messages are here: the
 * page is in the first (`<html lang>`), the second is loaded beside it for bilingual labels.
 */
export class ProjectorLocales {
  #ready = $state.raw<readonly Locale[]>([BASE_LOCALE]);
  #wanted = '';

  /** The languages whose messages are loaded, first one first. */
  get locales(): readonly Locale[] {
    return this.#ready;
  }

  /** Follows the workshop's setting; shows the languages once their messages are loaded. */
  async follow(wanted: readonly Locale[]): Promise<void> {
    const key = wanted.join(',');
    if (key === this.#wanted || wanted.length === 0) return;
    this.#wanted = key;
    await Promise.all(wanted.map((locale) => loadLocale(locale)));
    if (this.#wanted !== key) return; // the setting changed again meanwhile
    await showLocale(wanted[0]!);
    this.#ready = [...wanted];
  }
}
