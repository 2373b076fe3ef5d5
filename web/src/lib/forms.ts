import { tick } from 'svelte';

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
