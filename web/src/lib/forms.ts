import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';
import type { Failure } from '@plenary/shared';
import { m } from '$lib/paraglide/messages';

/** The part of a zod error we read (web does not depend on zod itself, only on the shared schemas). */
interface ParseError {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}

/** The first message for each top-level field of a failed parse, to show beside each input. */
export function fieldErrors(error: ParseError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= issue.message;
  }
  return out;
}

/** After errors render, move focus to the first invalid input so keyboard users land on it. */
export async function focusFirstInvalid(form: HTMLFormElement | undefined): Promise<void> {
  await tick();
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** What a form shows besides its values; each form keeps one in a `$state` object. */
export interface FormStatus {
  /** Beside each field, by the field's name. */
  errors: Record<string, string>;
  /** Above the fields: what is wrong with none of them in particular. */
  formError: string;
  /** A post is on its way (the submit button says so and waits). */
  sending: boolean;
  /** The last command was acknowledged ("Saved" beside the button). */
  saved: boolean;
  /** The form, to move focus to its first invalid input. */
  element: HTMLFormElement | undefined;
}

/** What an action answers a post it refused: the fields' errors and one for the whole form. */
export interface Refusal {
  errors: Record<string, string>;
  formError: string;
}

/** A form's status at first: what the server answered a post made without scripts, if it did. */
export function formStatus(answer?: Partial<Refusal>): FormStatus {
  return {
    errors: answer?.errors ?? {},
    formError: answer?.formError ?? '',
    sending: false,
    saved: false,
    element: undefined,
  };
}

/** A form's values checked before sending: the values to send, or what is wrong with them. */
export type Checked<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** A `safeParse` as `Checked`, its errors worded by `errorsOf`. */
export function checked<T, E>(
  parsed: { success: true; data: T } | { success: false; error: E },
  errorsOf: (error: E) => Record<string, string>,
): Checked<T> {
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, errors: errorsOf(parsed.error) };
}

async function showInvalid(status: FormStatus, errors: Record<string, string>): Promise<void> {
  status.errors = errors;
  await focusFirstInvalid(status.element);
}

/**
 * `use:enhance` for a form that posts to an action, and so works before scripts have loaded too.
 * With scripts the values are checked here first (a post bound to fail is not sent); a refusal
 * shows beside its fields or, naming none, above them (`failed()` if it says nothing); a server
 * out of reach says so. The redirect of a post that went through is the form's own to follow.
 */
export function actionSubmit<T>(
  status: FormStatus,
  flow: {
    check: () => Checked<T>;
    /** The refusal in a failed post's answer (`fail(…)`'s data). */
    refusal: (data: Record<string, unknown> | undefined) => Partial<Refusal> | undefined;
    failed: () => string;
    redirected: (location: string, data: T) => Promise<void>;
  },
): SubmitFunction {
  return ({ cancel }) => {
    status.formError = '';
    const values = flow.check();
    if (!values.ok) {
      cancel();
      void showInvalid(status, values.errors);
      return;
    }
    status.errors = {};
    status.sending = true;
    return async ({ result }) => {
      status.sending = false;
      if (result.type === 'redirect') {
        await flow.redirected(result.location, values.data);
      } else if (result.type === 'failure') {
        const refusal = flow.refusal(result.data);
        status.errors = refusal?.errors ?? {};
        status.formError = refusal?.formError ?? '';
        if (!status.formError && Object.keys(status.errors).length === 0) {
          status.formError = flow.failed();
        }
        await focusFirstInvalid(status.element);
      } else if (result.type === 'error') {
        status.formError = m.join_unreachable();
      }
    };
  };
}

/**
 * The submit of a form that sends a command (the page stays): checked here first, then sent;
 * acknowledged, it says "Saved"; refused, `refused` says which fields to mark and how.
 */
export async function commandSubmit<T>(
  status: FormStatus,
  event: SubmitEvent,
  flow: {
    check: () => Checked<T> | Promise<Checked<T>>;
    send: (data: T) => Promise<{ ok: true } | Failure>;
    refused: (failure: Failure) => Record<string, string> | Promise<Record<string, string>>;
    saved?: (data: T) => void;
  },
): Promise<void> {
  event.preventDefault();
  status.saved = false;
  const values = await flow.check();
  if (!values.ok) return showInvalid(status, values.errors);
  status.errors = {};
  const ack = await flow.send(values.data);
  if (ack.ok) {
    status.saved = true;
    flow.saved?.(values.data);
  } else status.errors = await flow.refused(ack);
}
