import type { Page } from '@playwright/test';

/** What a projected view shows too small or outside the screen. */
export interface Reach {
  /** Visible text under the minimum size, with its size as drawn (zoom and SVG scale included). */
  small: string[];
  /** Text drawn beyond the screen's edges or cut away, wholly or in part, by a box too small
   *  for it, and whether the page scrolls. */
  outside: string[];
}

/**
 * Measures every visible piece of text on the page: the font size it is drawn at (its computed
 * size times any transform or SVG scale on the way, so a zoomed map counts as shown), and
 * whether it lies inside the viewport. Text wholly cut away by an ancestor that clips counts as
 * not fitting; text hidden for screen readers only (1 px clip) is left out.
 */
export function measureReach(page: Page, minPx = 24): Promise<Reach> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const outside: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > vw + 1 || root.scrollHeight > vh + 1)
      outside.push(`page scrolls: ${root.scrollWidth} x ${root.scrollHeight}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    /** The part of a rectangle not cut away by ancestors that clip their overflow. */
    const clipped = (el: Element, r: DOMRect) => {
      let { left, top, right, bottom } = r;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible' && cs.clipPath === 'none')
          continue;
        const c = a.getBoundingClientRect();
        left = Math.max(left, c.left);
        top = Math.max(top, c.top);
        right = Math.min(right, c.right);
        bottom = Math.min(bottom, c.bottom);
      }
      return { left, top, right, bottom, visible: right - left > 1 && bottom - top > 1 };
    };
    /** Text for screen readers only: inside a box of 1 px or less that clips. */
    const srOnly = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const r = a.getBoundingClientRect();
        if (r.width <= 1 && r.height <= 1 && getComputedStyle(a).overflow !== 'visible')
          return true;
      }
      return false;
    };
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const text = node.textContent?.trim() ?? '';
      const el = node.parentElement;
      if (!text || !el || seen.has(el)) continue;
      seen.add(el);
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      // Nothing drawn, for screen readers only, or the skip link (shown when focused).
      if (r.width < 2 || r.height < 2 || srOnly(el) || el.closest('a[href="#main"]')) continue;
      const part = clipped(el, r);
      if (!part.visible) {
        // Laid out but wholly cut away by a box that clips (a list longer than the screen).
        outside.push(`cut off: ${text.slice(0, 40)}`);
        continue;
      }
      let scale = 1;
      if (el instanceof SVGGraphicsElement) {
        const m = el.getScreenCTM();
        if (m) scale = Math.hypot(m.a, m.b);
      } else if (el instanceof HTMLElement && el.offsetHeight > 0) {
        scale = el.getBoundingClientRect().height / el.offsetHeight;
      }
      const px = parseFloat(cs.fontSize) * scale;
      const label = `${text.slice(0, 40)} (${px.toFixed(1)} px)`;
      if (px < min - 0.25) small.push(label);
      // Partly cut away by a box too small for it (an axis label past its chart's edge).
      if (
        part.left > r.left + 1 ||
        part.top > r.top + 1 ||
        part.right < r.right - 1 ||
        part.bottom < r.bottom - 1
      )
        outside.push(`clipped: ${label}`);
      if (part.left < -1 || part.top < -1 || part.right > vw + 1 || part.bottom > vh + 1)
        outside.push(label);
    }
    return { small, outside };
  }, minPx);
}
