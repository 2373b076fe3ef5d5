// What the language specs share: a language's messages, a page in a browser set to a language,
// and the check that longer translations never spill out of the screen or a button.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expect,
  type APIRequestContext,
  type Browser,
  type Locator,
  type Page,
} from '@playwright/test';
import {
  checkA11y,
  createBlankWorkshop,
  facilitatorSocket,
  joinWorkshop,
  SCREENSHOT_DIR,
} from './support.js';

/** Every message of a language, from each area's folder (settings.json's path patterns). */
export const messages = (locale: string): Record<string, string> =>
  Object.assign(
    {},
    ...['', 'participant/', 'workspace/', 'projector/'].map(
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

/** Nothing wider than the screen, and no button whose words spill out of it (in one part of the
 *  page, or all of it). */
export async function expectNothingOverflows(
  page: Page,
  part: Locator | Page = page,
): Promise<void> {
  const overflowing = await part
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

/** A workshop with one group of one participant, and one exercise launched for it. */
export async function oneGroupExercise(
  request: APIRequestContext,
  baseURL: string,
  launch: Record<string, unknown>,
) {
  const w = await createBlankWorkshop(request, 'Languages day');
  const p = await joinWorkshop(request, w.joinCode, 'Dara Sok', 'KH');
  const f = await facilitatorSocket(baseURL, w.id, w.facilitatorKey);
  const { groupId } = await f.send('group.create', { name: 'Team Mekong' });
  await f.send('group.assign', { participantId: p.participantId, groupId });
  await f.send('exercise.launch', launch);
  await expect.poll(() => f.session().artifacts.length).toBe(1);
  const artifactId = f.session().artifacts[0]!.id;
  /** The participant's group work, in a browser set to a language, once it is connected. */
  async function open(
    browser: Browser,
    viewport: { width: number; height: number },
    browserLocale: string,
  ): Promise<Page> {
    const page = await pageIn(browser, viewport, browserLocale);
    await page.goto('/');
    await page.evaluate(
      ([id, token]) => localStorage.setItem(`plenary:participant:${id}`, token!),
      [w.id, p.token],
    );
    await page.goto(`/w/${w.id}/group/${artifactId}`);
    await expect(page.getByTestId('doc-status')).toHaveAttribute('data-status', 'connected');
    await expect(page.locator('html')).toHaveAttribute('lang', browserLocale.split('-')[0]!);
    return page;
  }
  return { open, close: () => f.socket.close() };
}

/** Axe, nothing overflowing, and a full-page screenshot; then the page's browser closes. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  await expectNothingOverflows(page);
  await checkA11y(page, name);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  await page.context().close();
}
