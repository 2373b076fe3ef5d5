import { join as joinPath } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  checkA11y,
  facilitatorSocket,
  LAPTOP,
  openOur,
  participantPage,
  SCREENSHOT_DIR,
  shot,
} from './support.js';

/** The phone the issue was measured on. */
const PHONE_390 = { width: 390, height: 844 };

/** Every text on the page is shown whole: no field scrolls or clips what it holds. */
async function expectNoCutOffText(page: Page, where: string) {
  const clipped = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'main textarea, main input:not([type]), main input[type=text], main p, h1',
      ),
    ]
      .filter((el) => {
        const e = el as HTMLElement;
        // Hidden (a closed disclosure), or for screen readers only (a 1-pixel live region).
        if (e.offsetParent === null || e.clientWidth <= 1) return false;
        const wide = e.scrollWidth > e.clientWidth + 1;
        const tall = el instanceof HTMLTextAreaElement && e.scrollHeight > e.clientHeight + 1;
        return wide || tall;
      })
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}#${el.id}: ${(el as HTMLInputElement).value ?? el.textContent}`,
      ),
  );
  expect(clipped, `cut-off text on ${where}`).toEqual([]);
}

/** What the phone shows at once, from the top (not the whole page). */
const phoneShot = (page: Page, name: string) =>
  page.screenshot({ path: joinPath(SCREENSHOT_DIR, `${name}.png`) });

/** Types into a field on two pages at once, each person at their own place. */
async function typeTogether(a: Locator, aText: string, b: Locator, bText: string) {
  await a.click();
  await b.click();
  await Promise.all([
    a.pressSequentially(aText, { delay: 15 }),
    b.pressSequentially(bText, { delay: 15 }),
  ]);
}

/** Presses Undo until this person has nothing left to undo. */
async function undoAll(page: Page) {
  const undo = page.getByRole('button', { name: 'Undo' });
  for (let i = 0; i < 50 && (await undo.isEnabled()); i++) await undo.click();
  await expect(undo).toBeDisabled();
}

test('two people type in one field at once: both keep their words, see each other, undo their own', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Breakout day', template: 'blank' } })
  ).json();
  const join = async (name: string, country: string) =>
    (
      await request.post('/api/join', { data: { joinCode: created.joinCode, name, country } })
    ).json();
  const ana = await join('Ana Reyes', 'PH');
  const ben = await join('Ben Somchai', 'TH');
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  const { groupId } = await f.send('group.create', { name: 'Team Mekong' });
  for (const p of [ana, ben])
    await f.send('group.assign', { participantId: p.participantId, groupId });
  await f.send('exercise.launch', {
    title: 'Indicators of trafficking in adults, as observed at the border crossing',
    kind: 'checklist',
    template: 'identification-adult',
  });
  await f.send('exercise.launch', { title: 'Action plan', kind: 'action-plan' });
  await f.send('exercise.launch', {
    title: 'Budget',
    kind: 'budget',
    budget: { envelope: 100_000, currency: 'USD', shares: {} },
  });

  const a = await participantPage(browser, PHONE_390, created.id, ana.token);
  const b = await participantPage(browser, LAPTOP, created.id, ben.token);

  // The checklist: one note, typed in by both at once.
  const checklist = 'Indicators of trafficking in adults, as observed at the border crossing';
  await openOur(a, created.id, checklist);
  await openOur(b, created.id, checklist);
  const item = (p: Page) => p.getByTestId('checklist-item').first();
  for (const p of [a, b])
    await item(p).locator('summary', { hasText: 'Notes on this indicator' }).click();
  const notes = (p: Page) => item(p).getByLabel('Notes on this indicator');
  await typeTogether(notes(a), 'Ana saw the contract. ', notes(b), 'Ben heard of the debt. ');
  for (const p of [a, b]) {
    await expect(notes(p)).toHaveValue(/Ana saw the contract\./);
    await expect(notes(p)).toHaveValue(/Ben heard of the debt\./);
  }
  await expect.poll(() => notes(a).inputValue()).toBe(await notes(b).inputValue());
  // Each sees who else is in the field, and where the other's caret is.
  await expect(item(b).getByTestId('field-presence')).toContainText('Ana Reyes');
  await expect(item(b).getByTestId('other-caret')).toContainText('Ana Reyes');
  await expect(item(a).getByTestId('other-caret')).toContainText('Ben Somchai');
  await shot(b, 'coedit-checklist-carets-laptop');

  // Ana undoes (the button, on her phone): her words go, Ben's stay, on both screens.
  await undoAll(a);
  for (const p of [a, b]) {
    await expect(notes(p)).not.toHaveValue(/Ana saw/);
    await expect(notes(p)).toHaveValue(/Ben heard of the debt\./);
  }
  // Ana's redo (keys) brings her words back; Ben's undo (keys) takes only his.
  await notes(a).focus();
  const redo = a.getByRole('button', { name: 'Redo' });
  for (let i = 0; i < 50 && (await redo.isEnabled()); i++)
    await a.keyboard.press('Control+Shift+Z');
  await expect(redo).toBeDisabled();
  await expect(notes(b)).toHaveValue(/Ana saw the contract\./);
  await notes(b).focus();
  const undoB = b.getByRole('button', { name: 'Undo' });
  for (let i = 0; i < 50 && (await undoB.isEnabled()); i++) await b.keyboard.press('Control+Z');
  await expect(notes(a)).not.toHaveValue(/Ben heard/);
  await expect(notes(a)).toHaveValue(/Ana saw the contract\./);

  // On the phone: ticking is one tap on a large target; the wording reads whole.
  const tick = item(a).getByRole('checkbox');
  const box = (await tick.locator('..').boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(box.height).toBeGreaterThanOrEqual(44);
  await tick.locator('..').click();
  await expect(item(b).getByRole('checkbox')).toBeChecked();
  // Keyboard: Space ticks, and the wording is edited through the item's menu.
  await item(b).getByRole('checkbox').focus();
  await b.keyboard.press('Space');
  await expect(item(a).getByRole('checkbox')).not.toBeChecked();
  const menu = item(b).locator('summary[aria-label^="More for"]');
  await menu.focus();
  await b.keyboard.press('Enter');
  await item(b).getByRole('button', { name: 'Edit wording' }).focus();
  await b.keyboard.press('Enter');
  await expect(item(b).getByLabel('Wording of the indicator')).toBeFocused();
  await b.keyboard.type(' (seen at the port)');
  await expect(item(a).locator('.wording')).toContainText('(seen at the port)');
  // The menu closes on Escape, focus back on its button, and on a tap outside it.
  const menuBox = (p: Page) => item(p).locator('details.menu');
  await menu.focus();
  await b.keyboard.press('Enter');
  await expect(menuBox(b)).toHaveAttribute('open', '');
  await item(b).getByRole('button', { name: 'Edit wording' }).focus();
  await b.keyboard.press('Escape');
  await expect(menuBox(b)).not.toHaveAttribute('open');
  await expect(menu).toBeFocused();
  await item(a).locator('summary[aria-label^="More for"]').click();
  await expect(menuBox(a)).toHaveAttribute('open', '');
  await a.getByTestId('workspace-title').click();
  await expect(menuBox(a)).not.toHaveAttribute('open');
  await a.evaluate(() => window.scrollTo(0, 0));
  await expectNoCutOffText(a, 'checklist on a phone');
  await checkA11y(a, 'checklist on a phone');
  await checkA11y(b, 'checklist on a laptop, in edit');
  await phoneShot(a, 'coedit-checklist-phone-390');
  // Scrolled into the list, the header gives the indicators room and still reads whole.
  await a.evaluate(() => window.scrollTo(0, 700));
  await expect(a.getByTestId('workspace-header')).toHaveClass(/compact/);
  const header = (await a.getByTestId('workspace-header').boundingBox())!;
  expect(header.height).toBeLessThanOrEqual(PHONE_390.height * 0.15);
  await expectNoCutOffText(a, 'checklist on a phone, scrolled');
  await phoneShot(a, 'coedit-checklist-phone-390-scrolled');

  // The action plan: the same indicator of one objective, typed in by both.
  await openOur(a, created.id, 'Action plan');
  await openOur(b, created.id, 'Action plan');
  await a.getByRole('button', { name: 'Add an objective' }).click();
  await a.keyboard.type(
    'Train 40 labour inspectors on the indicators of forced labour in fishing and agriculture',
  );
  const indicator = (p: Page) => p.getByLabel('Indicator');
  await typeTogether(indicator(a), 'Inspectors trained ', indicator(b), 'by the end of 2027 ');
  for (const p of [a, b]) {
    await expect(indicator(p)).toHaveValue(/Inspectors trained/);
    await expect(indicator(p)).toHaveValue(/by the end of 2027/);
  }
  await expect(a.getByTestId('other-caret')).toContainText('Ben Somchai');
  await undoAll(b);
  for (const p of [a, b]) {
    await expect(indicator(p)).toHaveValue('Inspectors trained ');
    await expect(p.getByLabel('Specific action')).toHaveValue(/in fishing and agriculture$/);
  }
  await a.getByLabel('Responsible').fill('Ministry of Labour, inspection department, with the IOM');
  await a.locator('body').click({ position: { x: 5, y: 5 } });
  await a.evaluate(() => window.scrollTo(0, 0));
  await expectNoCutOffText(a, 'plan on a phone');
  await checkA11y(a, 'plan on a phone');
  await phoneShot(a, 'coedit-plan-phone-390');
  await a.getByLabel('Specific action').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await phoneShot(a, 'coedit-plan-phone-390-fields');

  // The budget: a line with long texts, read whole on the phone.
  await openOur(a, created.id, 'Budget');
  await a.getByRole('button', { name: 'Add a line' }).click();
  const line = a.getByTestId('budget-line').first();
  await line
    .getByLabel('Description')
    .fill('Shelter beds for adult survivors in the two border provinces, with meals and transport');
  await line.getByLabel('Amount (USD)').fill('40000');
  await line
    .getByLabel('Justification')
    .fill('Most survivors identified last year were adults, and the only shelter is 300 km away');
  await a.locator('body').click({ position: { x: 5, y: 5 } });
  await a.evaluate(() => window.scrollTo(0, 0));
  await expectNoCutOffText(a, 'budget on a phone');
  await checkA11y(a, 'budget on a phone');
  await line.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await phoneShot(a, 'coedit-budget-phone-390-line');
  f.socket.close();
});
