import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type Running } from './harness.js';

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

type Refusal = { error: { code: string; message: string } };
const restore = (url: string, body: string) =>
  fetch(`${url}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('the body of a restore', () => {
  it('is refused when it nests deeper than a backup, before it is parsed, and changes nothing', async () => {
    running = await startServer();
    const before = await running.store.list();
    const half = 2 * 1024 * 1024;
    const res = await restore(running.url, '['.repeat(half) + ']'.repeat(half));
    expect(res.status).toBe(400);
    const body = (await res.json()) as Refusal;
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/nests deeper/);
    expect(await running.store.list()).toEqual(before);
    expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
  });

  it('is refused with 413 above 10 MB, and changes nothing', async () => {
    running = await startServer();
    const before = await running.store.list();
    const res = await restore(
      running.url,
      JSON.stringify({ padding: 'x'.repeat(11 * 1024 * 1024) }),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as Refusal).error.message).toMatch(/larger than 10 MB/);
    expect(await running.store.list()).toEqual(before);
  });

  it('is refused when it is not JSON', async () => {
    running = await startServer();
    const res = await restore(running.url, '{"format": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as Refusal).error.message).toMatch(/not valid JSON/);
  });
});
