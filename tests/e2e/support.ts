import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

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
