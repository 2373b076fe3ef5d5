/** The vignette in the console (see KindConsole): indicators and stages; revealing them. */
export { default as Launch } from './Launch.svelte';
export { default as Tools } from './Tools.svelte';
