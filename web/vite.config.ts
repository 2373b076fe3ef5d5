import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/** In dev, the API, socket.io and Yjs live on the server at :3000; in production they share the port. */
const SERVER = 'http://localhost:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/api': SERVER,
      '/socket.io': { target: SERVER, ws: true },
      '/yjs': { target: SERVER, ws: true },
    },
  },
});
