import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { itemsOf, readItem } from '@plenary/shared/docs';
import * as Y from 'yjs';
import { checkA11y, facilitatorSocket, LAPTOP, pageAt, openOur, shot } from './support.js';

/**
 * The checklist items' texts in this browser's own copy of the open document: what y-indexeddb
 * has written to IndexedDB (database `plenary:<workshop>/<artifact>`), read by the test in Node.
 */
async function keptTexts(page: Page): Promise<string[]> {
  const [, workshopId, artifactId] = /\/w\/([^/]+)\/group\/([^/?#]+)/.exec(page.url())!;
  const rows = await page.evaluate(async (name) => {
    const opening = indexedDB.open(name);
    const db = await new Promise<IDBDatabase>((ok, no) => {
      opening.onsuccess = () => ok(opening.result);
      opening.onerror = () => no(opening.error);
    });
    try {
      const request = db.transaction('updates').objectStore('updates').getAll();
      const updates = await new Promise<Uint8Array[]>((ok, no) => {
        request.onsuccess = () => ok(request.result as Uint8Array[]);
        request.onerror = () => no(request.error);
      });
      return updates.map((u) => Array.from(u));
    } finally {
      db.close();
    }
  }, `plenary:${workshopId}/${artifactId}`);
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, Uint8Array.from(row));
  return itemsOf(doc)
    .toArray()
    .map((m) => readItem(m).text);
}

const itemTexts = (page: Page) =>
  page.$$eval('[id$="-text"]', (items) =>
    items.map((i) => (i instanceof HTMLTextAreaElement ? i.value : (i.textContent ?? ''))),
  );

test('an edit typed offline survives a closed tab and reaches the group when back online', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Offline day', template: 'blank' } })
  ).json();
  const join = async (name: string) =>
    (
      await request.post('/api/join', {
        data: { joinCode: created.joinCode, name, country: 'KH' },
      })
    ).json();
  const dara = await join('Invented Dara');
  const sok = await join('Invented Sok');
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  const { groupId } = await f.send('group.create', { name: 'Phnom Penh' });
  for (const p of [dara, sok])
    await f.send('group.assign', { participantId: p.participantId, groupId });
  await f.send('exercise.launch', {
    title: 'Indicators',
    kind: 'checklist',
    template: 'identification-adult',
  });

  // Dara's laptop: one browser context (its storage survives closing the tab). Its document
  // sockets go through a pass-through proxy, so the test can cut them like a Wi-Fi drop would
  // (Chromium's offline mode leaves open WebSockets alone).
  const context = await browser.newContext({ viewport: LAPTOP });
  let offline = false;
  const open = new Set<WebSocketRoute>();
  await context.routeWebSocket(/\/yjs\//, (ws) => {
    if (offline) return void ws.close({ code: 1006 });
    ws.connectToServer();
    open.add(ws);
  });
  const setOffline = async (value: boolean) => {
    offline = value;
    await context.setOffline(value);
    if (value) for (const ws of open) await ws.close({ code: 1006 });
    open.clear();
  };
  const signIn = async () => {
    const page = await context.newPage();
    await page.goto('/');
    await page.evaluate(
      ([w, t]) => localStorage.setItem(`plenary:participant:${w}`, t!),
      [created.id, dara.token],
    );
    await openOur(page, created.id, 'Indicators');
    return page;
  };
  const page = await signIn();
  await expect(page.getByTestId('doc-saved')).toHaveText('All changes saved');

  // The Wi-Fi drops; Dara keeps typing, then closes the laptop's tab.
  await setOffline(true);
  await expect(page.getByTestId('doc-status')).toHaveAttribute('data-status', 'reconnecting');
  await page.getByRole('button', { name: 'Add an item to “Recruitment by deception”' }).click();
  await page.keyboard.type('Recruiter kept the passport');
  await expect(page.getByTestId('doc-saved')).toContainText('kept on this device');
  await checkA11y(page, 'workspace offline');
  await shot(page, 'offline-kept-on-device-laptop');
  // The tab goes once the browser has written its copy (IndexedDB): a state, not a pause.
  await expect
    .poll(() => keptTexts(page), { timeout: 30_000 })
    .toContain('Recruiter kept the passport');
  await page.close();

  // Back online, the tab opened again: the edit is there and goes to the server.
  await setOffline(false);
  const again = await signIn();
  await expect.poll(() => itemTexts(again)).toContain('Recruiter kept the passport');
  await expect(again.getByTestId('doc-saved')).toHaveText('All changes saved');

  // Sok, on another device, sees it.
  const sokPage = await pageAt(browser, LAPTOP);
  await sokPage.goto('/');
  await sokPage.evaluate(
    ([w, t]) => localStorage.setItem(`plenary:participant:${w}`, t!),
    [created.id, sok.token],
  );
  await openOur(sokPage, created.id, 'Indicators');
  await expect.poll(() => itemTexts(sokPage)).toContain('Recruiter kept the passport');
  f.socket.close();
});
