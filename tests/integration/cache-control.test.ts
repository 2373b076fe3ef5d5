import { afterEach, describe, expect, it } from 'vitest';
import { createWorkshop, join, startServer, type Running } from './harness.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('Cache-Control', () => {
  it('tells caches and proxies to keep no API answer that names people', async () => {
    running = await startServer();
    const w = await createWorkshop(running.url);
    const p = await join(running.url, w.joinCode);
    const base = `${running.url}/api/workshops/${w.id}`;
    const asFacilitator = { authorization: `Bearer ${w.facilitatorKey}` };
    const requests: Array<[string, Record<string, string>]> = [
      [base, asFacilitator],
      [base, { authorization: `Bearer ${p.token}` }],
      [`${base}/polls.csv`, asFacilitator],
      [`${base}/knowledge-check`, asFacilitator],
      [`${base}/report.md`, asFacilitator],
      [`${base}/report.json`, asFacilitator],
      [`${base}/export.json`, asFacilitator],
      [base, { authorization: 'Bearer wrong' }],
    ];
    for (const [url, headers] of requests) {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      expect(res.headers.get('cache-control'), url).toBe('no-store');
    }
  });
});
