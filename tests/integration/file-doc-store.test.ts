import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileDocStore } from '@plenary/server';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plenary-docstore-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const name = 'workshopa/documenta';
const bytes = (...n: number[]) => new Uint8Array(n);
const onDisk = async () => {
  const reader = new FileDocStore(dir, 0);
  const updates = await reader.load(name);
  await reader.close();
  return updates.map((u) => [...u]);
};

describe('the document store', () => {
  it('writes the updates of one commit window together, and each append resolves once on disk', async () => {
    const store = new FileDocStore(dir, 150);
    const settled: number[] = [];
    const writes = [bytes(1), bytes(2, 2), bytes(3, 3, 3)].map((u, i) =>
      store.append(name, u).then(() => settled.push(i)),
    );
    // Within the window nothing is on disk yet, and nothing is reported stored.
    await new Promise((r) => setTimeout(r, 50));
    expect(await onDisk()).toEqual([]);
    expect(settled).toEqual([]);
    await Promise.all(writes);
    expect(settled).toEqual([0, 1, 2]);
    expect(await onDisk()).toEqual([[1], [2, 2], [3, 3, 3]]);
    await store.close();
  });

  it('writes what is waiting when closed, without waiting for the window', async () => {
    const store = new FileDocStore(dir, 60_000);
    const write = store.append(name, bytes(7, 7));
    await store.close();
    await write;
    expect(await onDisk()).toEqual([[7, 7]]);
  });

  it('drops the waiting updates of a deleted document instead of writing them', async () => {
    const store = new FileDocStore(dir, 100);
    const refused = expect(store.append(name, bytes(9))).rejects.toThrow('deleted');
    await store.delete(name);
    await refused;
    await new Promise((r) => setTimeout(r, 150));
    expect(await onDisk()).toEqual([]);
    await store.close();
  });
});
