import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import {
  PROTOCOL_VERSION,
  authenticatedSocket,
  decodeWelcome,
  type SessionView,
  type WelcomeWire,
} from '@plenary/shared';
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

/** Screenshots that tests keep on purpose (failure screenshots go to artifacts/test-results). */
export const SCREENSHOT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '../artifacts/screenshots',
);

/** Fails on any accessibility violation of serious or critical impact, listing each one. */
export async function checkA11y(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  const indent = (text: string, spaces: number) =>
    text.replace(/^\s*/gm, ' '.repeat(spaces)).replace(/\s+$/, '');
  const report = blocking
    .map((violation) => {
      const nodes = violation.nodes.map(
        (node) =>
          `${indent(`target: ${node.target.join(' ')}`, 4)}\n${indent(node.failureSummary ?? '', 6)}`,
      );
      return [`  [${violation.impact}] ${violation.id}: ${violation.help}`, ...nodes].join('\n');
    })
    .join('\n');
  expect(blocking.length, `Accessibility violations on ${name}:\n${report}`).toBe(0);
}

/** Saves a full-page screenshot as artifacts/screenshots/<name>.png and returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export const PHONE = { width: 360, height: 740 };
export const LAPTOP = { width: 1280, height: 800 };
export const PROJECTOR = { width: 1920, height: 1080 };

/** A page in its own browser context (its own storage: another person or device). */
export async function pageAt(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

/** A participant's page, with their token put where the app keeps it, open on the workshop. */
export async function participantPage(
  browser: Browser,
  viewport: { width: number; height: number },
  workshopId: string,
  token: string,
): Promise<Page> {
  const page = await pageAt(browser, viewport);
  await page.goto('/');
  await page.evaluate(
    ([w, t]) => localStorage.setItem(`plenary:participant:${w}`, t!),
    [workshopId, token],
  );
  await page.goto(`/w/${workshopId}`);
  return page;
}

/** The group workspace of an exercise, opened from the participant page as a person would. */
export async function openOur(page: Page, workshopId: string, title: string): Promise<void> {
  await page.goto(`/w/${workshopId}`);
  await page.getByRole('link', { name: `Open our ${title}` }).click();
  await expect(page.getByTestId('doc-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('workspace-title')).toHaveText(title);
}

/** The facilitator's commands, sent from the test as the console would send them. */
export async function facilitatorSocket(base: string, workshopId: string, key: string) {
  const socket: Socket = io(base, {
    transports: ['websocket'],
    auth: { protocol: PROTOCOL_VERSION, workshopId, credential: { kind: 'facilitator', key } },
  });
  let session: SessionView | null = null;
  socket.on('session', (s: SessionView) => (session = s));
  await new Promise<void>((resolve) =>
    socket.once('welcome', (wire: WelcomeWire) => {
      session = decodeWelcome(wire).session;
      resolve();
    }),
  );
  let n = 0;
  const send = async (name: string, payload: Record<string, unknown>) => {
    const ack = (await socket.emitWithAck(name, {
      cmdId: `gallery-${Date.now()}-${++n}`,
      ...payload,
    })) as {
      ok: boolean;
      message?: string;
    } & Record<string, string>;
    if (!ack.ok) throw new Error(`${name}: ${ack.message}`);
    return ack;
  };
  return { socket, send, session: () => session! };
}

/** Writes into a group's document as a member would, through the real document server. */
export async function edit(
  base: string,
  workshopId: string,
  artifactId: string,
  key: string,
  fill: (doc: Y.Doc) => void,
) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${base.replace('http', 'ws')}/yjs`,
    `${workshopId}/${artifactId}`,
    doc,
    {
      WebSocketPolyfill: authenticatedSocket(WebSocket, {
        kind: 'facilitator',
        key,
      }) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  );
  await new Promise<void>((r) => (provider.synced ? r() : provider.once('sync', () => r())));
  doc.transact(() => fill(doc));
  // Give the server a moment to store it, then leave.
  await new Promise((r) => setTimeout(r, 300));
  provider.destroy();
  doc.destroy();
}

/** A blank workshop, created through the API as the home page does. */
export async function createBlankWorkshop(
  request: APIRequestContext,
  title: string,
): Promise<{ id: string; joinCode: string; facilitatorKey: string; screenKey: string }> {
  return (await request.post('/api/workshops', { data: { title, template: 'blank' } })).json();
}

/** A participant joined through the API, as the join page does. */
export async function joinWorkshop(
  request: APIRequestContext,
  joinCode: string,
  name: string,
  country: string,
): Promise<{ participantId: string; token: string }> {
  return (await request.post('/api/join', { data: { joinCode, name, country } })).json();
}

/** The facilitator key in a console's address (`#key=…`, maybe followed by `&screen=…`). */
export function facilitatorKeyOf(url: string): string {
  const key = new URLSearchParams(new URL(url).hash.slice(1)).get('key');
  if (!key) throw new Error(`no facilitator key in ${url}`);
  return key;
}
