import { showLocale, loadLocale } from '$lib/i18n/messages.svelte';
import { browser } from '$app/environment';
import type { LayoutLoad } from './$types';

/** The page's language is chosen on the server (hooks.server.ts); its messages load first. */
export const load: LayoutLoad = async ({ data }) => {
  await (browser ? showLocale(data.locale) : loadLocale(data.locale));
  return data;
};
