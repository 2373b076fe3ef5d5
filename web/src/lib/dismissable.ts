/**
 * A disclosure used as a menu (`<details>` with a `<summary>` button): Escape inside it closes it
 * and puts focus back on its summary; a press anywhere outside closes it too (focus goes back to
 * the summary only if it was inside the menu, so a tap on another field keeps its focus).
 * A Svelte action: `<details use:dismissable>`.
 */
export function dismissable(details: HTMLDetailsElement): { destroy(): void } {
  function close(refocus: boolean): void {
    details.open = false;
    if (refocus) details.querySelector('summary')?.focus();
  }
  const onkeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !details.open) return;
    event.preventDefault();
    event.stopPropagation();
    close(true);
  };
  const onpointerdown = (event: PointerEvent) => {
    if (!details.open || details.contains(event.target as Node)) return;
    close(details.contains(document.activeElement));
  };
  details.addEventListener('keydown', onkeydown);
  document.addEventListener('pointerdown', onpointerdown, true);
  return {
    destroy() {
      details.removeEventListener('keydown', onkeydown);
      document.removeEventListener('pointerdown', onpointerdown, true);
    },
  };
}
