// What the language specs share: a language's messages, a page in a browser set to a language,
// and the check that longer translations never spill out of the screen or a button.
import { readFileSync } from 'node:fs';
import { expect, type Browser, type Page } from '@playwright/test';

/** Every message of a language, from each area's folder (settings.json's path patterns). */
export const messages = (locale: string): Record<string, string> =>
  Object.assign(
    {},
    ...['', 'participant/', 'workspace/'].map(
      (area) =>
        JSON.parse(
          readFileSync(
            new URL(`../../web/messages/${area}${locale}.json`, import.meta.url),
            'utf8',
          ),
        ) as Record<string, string>,
    ),
  ) as Record<string, string>;
export const LAPTOP_1366 = { width: 1366, height: 768 };
export const PHONE_390 = { width: 390, height: 844 };

export async function pageIn(
  browser: Browser,
  viewport: { width: number; height: number },
  locale: string,
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale });
  return context.newPage();
}

/** Nothing wider than the screen, and no button whose words spill out of it. */
export async function expectNothingOverflows(page: Page): Promise<void> {
  const overflowing = await page
    .locator('button:visible, .btn:visible, h1, h2, p')
    .evaluateAll((els) =>
      els
        .filter((el) => {
          const box = el.getBoundingClientRect();
          const clipped = el.matches('button, .btn') && el.scrollWidth > el.clientWidth + 1;
          return clipped || box.right > window.innerWidth + 1;
        })
        .map((el) => el.textContent?.trim().slice(0, 60)),
    );
  expect(overflowing).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );
}
