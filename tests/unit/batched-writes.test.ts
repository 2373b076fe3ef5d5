import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { batchWrites } from '../../server/src/batched-writes.js';

/** A stream that records each write it is handed: one entry per system call on a socket. */
function recorder() {
  const calls: number[] = [];
  const stream = new Writable({
    write(_chunk, _encoding, done) {
      calls.push(1);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.length);
      done();
    },
  });
  return { stream, calls };
}

const turnEnds = () => new Promise((r) => setImmediate(r));

describe('batchWrites', () => {
  it('sends what one turn of the event loop writes to a socket as one write', async () => {
    const { stream, calls } = recorder();
    batchWrites(stream);
    stream.write('sync step');
    batchWrites(stream);
    stream.write('presence');
    stream.write('saved');
    expect(calls).toEqual([]);
    await turnEnds();
    expect(calls).toEqual([3]);
  });

  it('holds nothing past the turn: later writes go as they come, or batched anew', async () => {
    const { stream, calls } = recorder();
    batchWrites(stream);
    stream.write('a');
    await turnEnds();
    stream.write('b');
    expect(calls).toEqual([1, 1]);
    batchWrites(stream);
    stream.write('c');
    stream.write('d');
    await turnEnds();
    expect(calls).toEqual([1, 1, 2]);
  });
});
