// `node --import tsx src/heap-diff.ts A.heapsnapshot B.heapsnapshot [N] [per]`: what grew from
// A to B, by object type and constructor (self sizes), divided by `per` (e.g. participants).
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

function sizes(file: string): Map<string, { bytes: number; count: number }> {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const out = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const type = types[s.nodes[i + typeAt!]!]!;
    const name = type === 'object' || type === 'closure' ? s.strings[s.nodes[i + nameAt!]!]! : '';
    const key = `${type} ${name}`.slice(0, 80);
    const entry = out.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += s.nodes[i + sizeAt!]!;
    entry.count++;
    out.set(key, entry);
  }
  return out;
}

const [a, b, top = '25', per = '1'] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: heap-diff A.heapsnapshot B.heapsnapshot [N] [per]');
const before = sizes(a);
const after = sizes(b);
const rows = [...after].map(([k, v]) => {
  const old = before.get(k) ?? { bytes: 0, count: 0 };
  return {
    k,
    bytes: (v.bytes - old.bytes) / Number(per),
    count: (v.count - old.count) / Number(per),
  };
});
const total = rows.reduce((s, r) => s + r.bytes, 0);
console.log(`grew ${(total / 1024).toFixed(1)} KB${per === '1' ? '' : ` per unit (÷${per})`}`);
for (const r of rows.sort((x, y) => y.bytes - x.bytes).slice(0, Number(top)))
  console.log(
    `${(r.bytes / 1024).toFixed(2).padStart(9)} KB ${r.count.toFixed(1).padStart(8)}×  ${r.k}`,
  );
