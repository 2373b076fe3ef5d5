import { createWorkshop, type Actor, type DomainContext, type Workshop } from '@plenary/shared';

/** Deterministic ids and a hand-set clock for pure domain tests. */
export function context(
  now = 1_700_000_000_000,
  actor: Actor = { role: 'facilitator' },
): DomainContext & { tick(ms: number): void } {
  let n = 0;
  const ctx = {
    actor,
    now,
    newId: () => `id${++n}`,
    tick(ms: number) {
      ctx.now += ms;
    },
  };
  return ctx;
}

export function workshop(
  template: 'blank' | 'victim-centred' = 'blank',
  ctx = context(),
): Workshop {
  return createWorkshop(
    {
      title: 'Regional training',
      template,
      startsOn: null,
      endsOn: null,
      venue: '',
      retentionDays: null,
    },
    { id: 'w1', joinCode: 'ABCDEF', facilitatorKeyHash: 'f', screenKeyHash: 's' },
    ctx,
  );
}

export function unwrap<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.message}`);
  return r.value;
}
