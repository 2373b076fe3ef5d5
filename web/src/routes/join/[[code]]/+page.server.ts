import { fail, redirect } from '@sveltejs/kit';
import { countryCodeFor, JoinCode, JoinInput, type JoinLookup } from '@plenary/shared';
import { errorText } from '$lib/i18n/error-text';
import { fieldErrorsIn, PROFILE_TEXTS } from '$lib/i18n/field-errors';
import { entryOf, statusOf, textFields } from '$lib/server/entry';
import { participantLanding } from '$lib/landing';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['joinCode', 'name', 'country', 'city', 'organisation', 'role'] as const;
export type JoinValues = Record<(typeof FIELDS)[number], string>;

export type Lookup =
  | { status: 'none' }
  | ({ status: 'found'; code: string } & JoinLookup)
  | { status: 'missing'; code: string };

/** The code from the address (/join/K7M2QX, or /join?code= from the home page without scripts). */
export const load: PageServerLoad = async (event) => {
  const code = event.params.code ?? event.url.searchParams.get('code') ?? '';
  const parsed = JoinCode.safeParse(code);
  let lookup: Lookup = { status: 'none' };
  if (parsed.success) {
    const found = await entryOf(event).lookup(parsed.data);
    if (found.ok) lookup = { status: 'found', code: parsed.data, ...found.value };
    else if (found.code === 'not_found') lookup = { status: 'missing', code: parsed.data };
  }
  return { code, notice: event.url.searchParams.get('notice'), lookup };
};

/**
 * Join: a plain form post, so it works before the page's scripts have loaded and without them.
 * The participant lands on /w/<id>#token=…, and that page keeps the token on this device.
 */
export const actions: Actions = {
  default: async (event) => {
    const values: JoinValues = textFields(await event.request.formData(), FIELDS);
    // The country as typed (any name of it, see countries.ts); the API takes its ISO code.
    const country = countryCodeFor(values.country) ?? '';
    // The page's language (the device's choice or the browser's) starts the profile's.
    const { locale } = event.locals;
    const parsed = JoinInput.safeParse({ ...values, country, language: locale });
    // What was wrong, in that language too.
    if (!parsed.success) {
      const errors = fieldErrorsIn(parsed.error, PROFILE_TEXTS, locale);
      return fail(400, { values, errors, formError: '' });
    }
    const joined = await entryOf(event).join(parsed.data);
    if (!joined.ok) {
      const { code, field } = joined;
      const message = errorText(joined, 'join', locale);
      return fail(statusOf(code), {
        values,
        errors: field ? { [field]: message } : {},
        formError: field ? '' : message,
      });
    }
    redirect(303, participantLanding(joined.value.workshopId, joined.value.token));
  },
};
