/** Error toasts: each says what went wrong and what to do. Nothing else is toasted. */

export interface Toast {
  id: number;
  message: string;
}

class Toasts {
  items = $state.raw<Toast[]>([]);
  #next = 1;

  error(message: string, timeoutMs = 8000): void {
    // The same message twice in a row (e.g. a retried command) shows once.
    if (this.items.some((t) => t.message === message)) return;
    const id = this.#next++;
    this.items = [...this.items, { id, message }];
    setTimeout(() => this.dismiss(id), timeoutMs);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
