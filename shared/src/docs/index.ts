export * from './templates.js';
export * from './checklist.js';
export * from './action-plan.js';
export * from './vignette.js';
