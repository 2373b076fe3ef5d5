/** The checklist in the console (see KindConsole): its template, when launched. */
export { default as Launch } from './Launch.svelte';
