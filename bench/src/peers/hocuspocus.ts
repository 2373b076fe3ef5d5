// @hocuspocus/server 3.x (4.x needs Node 22), in memory, documents seeded as ours are.
import { Server } from '@hocuspocus/server';
import { seedPeerDoc } from './seed.js';

const port = Number(process.env.PORT ?? 0);
const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onLoadDocument({ document, documentName }) {
    seedPeerDoc(documentName, document);
    return document;
  },
});

await server.listen();
console.log(`hocuspocus listening on ${port}`);
process.on('SIGTERM', () => void server.destroy().then(() => process.exit(0)));
