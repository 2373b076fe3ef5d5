/**
 * Toasts: errors, each saying what went wrong and what to do, and notices of work kept for later
 * (offline). Nothing else is toasted.
 */

export interface Toast {
  id: number;
  message: string;
  tone: 'error' | 'notice';
}

class Toasts {
  items = $state.raw<Toast[]>([]);
  #next = 1;

  error(message: string, timeoutMs = 8000): void {
    this.#add(message, 'error', timeoutMs);
  }

  notice(message: string, timeoutMs = 6000): void {
    this.#add(message, 'notice', timeoutMs);
  }

  #add(message: string, tone: Toast['tone'], timeoutMs: number): void {
    // The same message twice in a row (e.g. a retried command) shows once.
    if (this.items.some((t) => t.message === message)) return;
    const id = this.#next++;
    this.items = [...this.items, { id, message, tone }];
    setTimeout(() => this.dismiss(id), timeoutMs);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
