// Types of web/i18n-build.js (plain JavaScript so that Vite's config and `pnpm check` run it
// without a compile step), for the unit tests that import it.
import type { Plugin } from 'vite';

export function compileMessages(options?: { force?: boolean }): Promise<void>;
export function splitMessageModule(code: string, ids: readonly string[]): string;
export function indexLocaleModule(code: string, ids: readonly string[]): string;
export function plenaryMessages(): Plugin;
