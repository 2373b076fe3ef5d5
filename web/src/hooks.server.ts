import type { Handle } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { BASE_LOCALE } from '@plenary/shared';
import { LOCALE_COOKIE, chooseLocale, parseAcceptLanguage } from '$lib/i18n/choose-locale';
import { useRequestLocale } from '$lib/i18n/messages.svelte';

useRequestLocale(() => {
  try {
    return getRequestEvent().locals.locale;
  } catch {
    return BASE_LOCALE; // outside a request (nothing renders there)
  }
});

/** The page's language: the device's stored choice, else the browser's; `<html lang>` says it. */
export const handle: Handle = async ({ event, resolve }) => {
  const locale = chooseLocale({
    stored: event.cookies.get(LOCALE_COOKIE),
    browser: parseAcceptLanguage(event.request.headers.get('accept-language')),
  });
  event.locals.locale = locale;
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%plenary.lang%', locale),
  });
};
