/** The budget in the console (see KindConsole): the envelope, checked here; the comparison. */
export { default as Launch } from './Launch.svelte';
export { default as Tools } from './Tools.svelte';
export const ownValidation = true;
