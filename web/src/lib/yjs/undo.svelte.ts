import * as Y from 'yjs';

/**
 * This person's undo and redo in one document. Yjs tracks only transactions whose origin is in
 * `trackedOrigins`: the edits made on this page carry none (null), while what a group-mate
 * typed arrives through the provider (and the browser's saved copy through IndexedDB), each
 * with itself as origin, so undo never takes back someone else's words. Create it while a
 * component initialises (it owns an effect).
 */
export class UndoHistory {
  canUndo = $state(false);
  canRedo = $state(false);
  #manager: Y.UndoManager | null = null;

  constructor(scope: () => ConstructorParameters<typeof Y.UndoManager>[0]) {
    $effect(() => {
      const manager = new Y.UndoManager(scope(), {
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- Yjs's option, not state
        trackedOrigins: new Set([null]),
        // Keystrokes within half a second are one step, as in a text editor.
        captureTimeout: 500,
      });
      const update = () => {
        this.canUndo = manager.undoStack.length > 0;
        this.canRedo = manager.redoStack.length > 0;
      };
      manager.on('stack-item-added', update);
      manager.on('stack-item-popped', update);
      manager.on('stack-cleared', update);
      this.#manager = manager;
      update();
      return () => {
        manager.destroy();
        this.#manager = null;
      };
    });
  }

  undo = (): void => void this.#manager?.undo();
  redo = (): void => void this.#manager?.redo();

  /** Ctrl+Z (Cmd+Z) undoes, Ctrl+Shift+Z or Ctrl+Y redoes; the browser's own undo would only
   *  know this field's local value, not the shared document. */
  onkeydown = (event: KeyboardEvent): void => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) this.undo();
    else if ((key === 'z' && event.shiftKey) || key === 'y') this.redo();
    else return;
    event.preventDefault();
  };
}
