export * from './templates.js';
export * from './checklist.js';
export * from './action-plan.js';
export * from './vignette.js';
export * from './map.js';
export * from './budget.js';
export * from './report-content.js';
export * from './practice.js';
