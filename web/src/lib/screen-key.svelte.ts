import { screenKey } from './storage';

/**
 * The projector's key as this browser knows it, reactive: the console's projector link changes
 * as soon as a new screen key is made (Team section) or arrives with an invitation.
 */
class ScreenKeys {
  #known = $state<Record<string, string>>({});

  get(workshopId: string): string | null {
    return this.#known[workshopId] ?? screenKey.get(workshopId);
  }

  set(workshopId: string, key: string): void {
    screenKey.set(workshopId, key);
    this.#known = { ...this.#known, [workshopId]: key };
  }
}

export const screenKeys = new ScreenKeys();
