// Copying text, in secure contexts and outside them. `navigator.clipboard` exists only in
// secure contexts (https or localhost); on plain http (a laptop on the venue's Wi-Fi) the
// older `document.execCommand('copy')` on a selected, off-screen text area still works.

/** Copies `text`; resolves to whether the browser confirmed it. */
export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused or document not focused: try the older way.
    }
  }
  return copyWithSelection(text);
}

function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.left = '-9999px';
  const previous = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  let ok: boolean;
  try {
    // Deprecated but the only copy that works outside secure contexts.
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  previous?.focus();
  return ok;
}
