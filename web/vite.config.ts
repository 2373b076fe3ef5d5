import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';
import { plenaryMessages } from './i18n-build.js';

/** In dev, the API, socket.io and Yjs live on the server at :3000; in production they share the port. */
const SERVER = 'http://localhost:3000';

/**
 * Yjs imports `lib0/logging`, which imports `lib0/dom`, whose four node-type schemas are built
 * at module level with `$.$custom(...)`. Nothing marks those calls pure, so the bundler keeps
 * them, and with them all of `lib0/schema` (2.3 KB gzip on every co-editing page) although
 * nothing here reads a schema. Marking the calls pure lets both be dropped when unused.
 */
function lib0DomSchemasPure(): Plugin {
  return {
    name: 'plenary:lib0-dom-schemas-pure',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]lib0[\\/]dom\.js$/.test(id)) return null;
      return { code: code.replaceAll('= $.$custom(', '= /* @__PURE__ */ $.$custom('), map: null };
    },
  };
}

export default defineConfig({
  plugins: [plenaryMessages(), lib0DomSchemasPure(), sveltekit()],
  server: {
    proxy: {
      '/api': SERVER,
      '/socket.io': { target: SERVER, ws: true },
      '/yjs': { target: SERVER, ws: true },
    },
  },
});
