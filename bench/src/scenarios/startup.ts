import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { createWorkshop, Facilitator, openPoll } from '../api.js';
import { coldStart } from '../server.js';
import { CHECKLIST_TEMPLATE } from '../peers/seed.js';
import { dataDir, type Context } from './context.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function chromium() {
  const { chromium } = await import('@playwright/test');
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({
    ...(existsSync(executablePath) && { executablePath }),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Gzipped bytes of every script a page loads until it shows `ready` (a selector: what the page
 * is for, drawn with live data, so chunks loaded on demand are counted) and the network is idle.
 */
async function pageWeight(
  browser: Awaited<ReturnType<typeof chromium>>,
  url: string,
  storage: Record<string, string>,
  ready: string,
): Promise<{ gzipBytes: number; files: number; byFile: Record<string, number> }> {
  const context = await browser.newContext();
  await context.addInitScript((items: Record<string, string>) => {
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, storage);
  const page = await context.newPage();
  const scripts = new Map<string, Promise<number>>();
  page.on('response', (res) => {
    const type = res.request().resourceType();
    if (type !== 'script' || scripts.has(res.url())) return;
    scripts.set(
      res.url(),
      res.body().then(
        (b) => gzipSync(b, { level: 9 }).length,
        () => 0,
      ),
    );
  });
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const sizes = await Promise.all(scripts.values());
  await context.close();
  // Which files, largest first: what to look at when the weight grows.
  const byFile = Object.fromEntries(
    [...scripts.keys()]
      .map((u, i) => [new URL(u).pathname, sizes[i]!] as const)
      .sort((a, b) => b[1] - a[1]),
  );
  return { gzipBytes: sizes.reduce((s, n) => s + n, 0), files: sizes.length, byFile };
}

/** Cold start to the first health answer, and the JavaScript weight of two participant pages. */
export async function startup(ctx: Context): Promise<void> {
  const starts: number[] = [];
  for (let i = 0; i < ctx.cfg.coldStarts; i++)
    starts.push(await coldStart(ctx.build, await dataDir()));
  ctx.rows.push({
    scenario: '7 startup',
    metric: `cold start → health (median of ${starts.length})`,
    unit: 'ms',
    ours: median(starts),
    goals: [{ op: '<=', value: 1000 }],
  });

  const server = await ctx.start('plenary', { dataDir: await dataDir(), build: ctx.build });
  const w = await createWorkshop(server.url, 'Page weight');
  const res = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ joinCode: w.joinCode, name: 'Ana', country: 'PH' }),
  });
  const me = (await res.json()) as { participantId: string; token: string };
  const f = await Facilitator.connect(server.url, w.id, w.facilitatorKey);
  const { groupId } = (await f.send('group.create', { name: 'Cebu' })) as { groupId: string };
  await f.send('group.assign', { participantId: me.participantId, groupId });
  await f.send('exercise.launch', {
    title: 'Indicators',
    kind: 'checklist',
    template: CHECKLIST_TEMPLATE,
  });
  const artifact = await f.until(() => f.session?.artifacts[0]);
  // What a voter's phone shows while voting: the form, and the tally shown on phones.
  await openPoll(f, 'Who identifies victims first?');
  f.close();
  const storage = {
    [`plenary:participant:${w.id}`]: me.token,
    [`plenary:participant-name:${w.id}`]: 'Ana',
  };
  let browser: Awaited<ReturnType<typeof chromium>>;
  try {
    browser = await chromium();
  } catch (error) {
    ctx.log(`  no Chromium, page weight not measured: ${String(error).split('\n')[0]}`);
    return;
  }
  try {
    // Connected: the open poll's form and its results drawn.
    const voting = await pageWeight(
      browser,
      `${server.url}/w/${w.id}`,
      storage,
      '[data-testid="participant-poll"] [data-testid="poll-results"]',
    );
    // The document synced and its editor drawn.
    const editing = await pageWeight(
      browser,
      `${server.url}/w/${w.id}/group/${artifact.id}`,
      storage,
      '[data-testid="checklist-item"]',
    );
    ctx.details.pages = { voting, editing, coldStartsMs: starts };
    ctx.rows.push(
      {
        scenario: '7 page weight',
        metric: `participant voting page JS, gzip (${voting.files} files)`,
        unit: 'KB',
        ours: voting.gzipBytes / 1024,
        goals: [{ op: '<=', value: 60 }],
      },
      {
        scenario: '7 page weight',
        metric: `co-editing page JS, gzip (${editing.files} files)`,
        unit: 'KB',
        ours: editing.gzipBytes / 1024,
        goals: [{ op: '<=', value: 90 }],
      },
    );
  } finally {
    await browser.close();
  }
}
