export { createServer, type PlenaryServer, type ServerDeps } from './app.js';
export { MemoryStore } from './store/memory.js';
export { LowdbStore, DataDirLockedError } from './store/lowdb.js';
export type { Store, StoredWorkshop } from './store/store.js';
export { MemoryDocStore, type DocStore } from './docs/doc-store.js';
export { FileDocStore } from './docs/file-doc-store.js';
export { DocsServer, CLOSE as DOC_CLOSE, type DocLimits } from './docs/yjs-server.js';
