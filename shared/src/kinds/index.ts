/**
 * Exercise kinds' co-edited documents: each kind's shape and readers (kinds/<kind>/document.ts),
 * its registration (kinds/<kind>/index.ts) and the table of them all (documents.ts). What the
 * report says of each kind is pure and lives beside them (kinds/<kind>/report.ts, reports.ts).
 */
export * from './checklist/templates.js';
export * from './checklist/document.js';
export * from './action-plan/document.js';
export * from './vignette/document.js';
export * from './map/document.js';
export * from './budget/document.js';
export * from './practice/document.js';
export * from './documents.js';
export * from './text-fields.js';
export * from './text-edit.js';
export type { DocProgress, ProgressSummary } from './kind.js';
