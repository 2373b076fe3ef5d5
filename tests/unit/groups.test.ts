import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CommandInputs,
  assignToGroup,
  autoGroups,
  createGroup,
  docAccess,
  joinWorkshop,
  launchExercise,
  lockArtifact,
  removeParticipant,
  revealExercise,
  setGallery,
  showVignetteStages,
  submitArtifact,
  type Workshop,
} from '@plenary/shared';
import {
  compareStage,
  missingSmart,
  readStage,
  seedVignette,
  vignetteStage,
  type Objective,
} from '@plenary/shared/docs';
import { context, unwrap, workshop } from './fixtures.js';

const ctx = context();

function room(countries: string[]): Workshop {
  let w = workshop('blank', ctx);
  for (const [i, country] of countries.entries()) {
    w = unwrap(
      joinWorkshop(w, { name: `P${i}`, country, city: '', organisation: '', role: '' }, 'h', ctx),
    ).workshop;
  }
  return w;
}

const launch = (w: Workshop, input: Record<string, unknown>) =>
  launchExercise(w, CommandInputs['exercise.launch'].parse(input), ctx);

describe('making groups', () => {
  it('makes one group per country, named by country', () => {
    const w = unwrap(
      autoGroups(
        room(['PH', 'KH', 'PH', 'VN']),
        { mode: 'country', size: 3, mixCountries: true },
        ctx,
      ),
    );
    expect(w.groups.map((g) => [g.name, g.memberIds.length])).toEqual([
      ['Cambodia', 1],
      ['Philippines', 2],
      ['Viet Nam', 1],
    ]);
  });

  it('makes random groups of about the size asked, mixing countries, everyone placed once', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const w0 = room(['PH', 'PH', 'PH', 'KH', 'KH', 'KH', 'VN', 'VN', 'VN']);
    const w = unwrap(
      autoGroups(w0, { mode: 'random', size: 3, mixCountries: true }, { ...ctx, random }),
    );
    expect(w.groups).toHaveLength(3);
    const everyone = w.groups.flatMap((g) => g.memberIds).sort();
    expect(everyone).toEqual(w0.participants.map((p) => p.id).sort());
    for (const g of w.groups) {
      const countries = new Set(
        g.memberIds.map((id) => w.participants.find((p) => p.id === id)!.country),
      );
      expect(countries.size).toBe(3);
    }
  });

  it('keeps delegations together when asked not to mix', () => {
    const w = unwrap(
      autoGroups(
        room(['PH', 'PH', 'KH', 'KH']),
        { mode: 'random', size: 2, mixCountries: false },
        ctx,
      ),
    );
    for (const g of w.groups) {
      const countries = new Set(
        g.memberIds.map((id) => w.participants.find((p) => p.id === id)!.country),
      );
      expect(countries.size).toBe(1);
    }
  });

  it('moves a participant so they are in one group only, and forgets them when removed', () => {
    let w = room(['PH']);
    const a = unwrap(createGroup(w, { name: 'A' }, ctx));
    const b = unwrap(createGroup(a.workshop, { name: 'B' }, ctx));
    w = b.workshop;
    const id = w.participants[0]!.id;
    w = unwrap(assignToGroup(w, { participantId: id, groupId: a.groupId }));
    w = unwrap(assignToGroup(w, { participantId: id, groupId: b.groupId }));
    expect(w.groups.map((g) => g.memberIds)).toEqual([[], [id]]);
    w = unwrap(removeParticipant(w, { participantId: id }));
    expect(w.groups.flatMap((g) => g.memberIds)).toEqual([]);
  });
});

describe('who may open a group document', () => {
  function twoGroups() {
    let w = room(['PH', 'KH']);
    const [p1, p2] = w.participants;
    const a = unwrap(createGroup(w, { name: 'A' }, ctx));
    const b = unwrap(createGroup(a.workshop, { name: 'B' }, ctx));
    w = unwrap(assignToGroup(b.workshop, { participantId: p1!.id, groupId: a.groupId }));
    w = unwrap(assignToGroup(w, { participantId: p2!.id, groupId: b.groupId }));
    const launched = unwrap(
      launch(w, { title: 'Checklist', kind: 'checklist', template: 'identification-adult' }),
    );
    const artifactA = launched.workshop.artifacts.find((x) => x.groupId === a.groupId)!.id;
    return {
      w: launched.workshop,
      p1: p1!.id,
      p2: p2!.id,
      artifactA,
      exerciseId: launched.exerciseId,
    };
  }

  it('lets the group write, keeps others out until reveal or gallery, and lets a lock make it read-only', () => {
    const { w, p1, p2, artifactA, exerciseId } = twoGroups();
    const as = (participantId: string) => ({ role: 'participant' as const, participantId });
    expect(docAccess(w, artifactA, as(p1))).toBe('write');
    expect(docAccess(w, artifactA, as(p2))).toBe('none');
    expect(docAccess(w, artifactA, { role: 'facilitator' })).toBe('write');
    expect(docAccess(w, artifactA, { role: 'screen' })).toBe('read');
    expect(
      docAccess(unwrap(revealExercise(w, { exerciseId, revealed: true })), artifactA, as(p2)),
    ).toBe('read');
    expect(docAccess(unwrap(setGallery(w, { open: true })), artifactA, as(p2))).toBe('read');
    expect(
      docAccess(
        unwrap(lockArtifact(w, { artifactId: artifactA, locked: true })),
        artifactA,
        as(p1),
      ),
    ).toBe('read');
    expect(docAccess(w, 'no-such-document', { role: 'facilitator' })).toBe('none');
  });

  it('lets only the group submit its own work', () => {
    const { w, p1, p2, artifactA } = twoGroups();
    const submitted = unwrap(
      submitArtifact(
        w,
        { artifactId: artifactA, submitted: true },
        { ...ctx, actor: { role: 'participant', participantId: p1 } },
      ),
    );
    expect(submitted.artifacts.find((a) => a.id === artifactA)!.submittedAt).toBe(ctx.now);
    expect(
      submitArtifact(
        w,
        { artifactId: artifactA, submitted: true },
        { ...ctx, actor: { role: 'participant', participantId: p2 } },
      ),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('case vignettes', () => {
  const grouped = () => unwrap(createGroup(room(['PH']), { name: 'A' }, ctx)).workshop;

  it('start at the first stage and reveal stages within the case', () => {
    const launched = unwrap(
      launch(grouped(), {
        title: 'Case of Mai',
        kind: 'vignette',
        template: 'identification-adult',
        stages: ['Mai is recruited', 'Mai arrives'],
      }),
    );
    const e = launched.workshop.exercises[0]!;
    expect(e).toMatchObject({
      stages: ['Mai is recruited', 'Mai arrives'],
      stagesShown: 1,
      template: 'identification-adult',
    });
    const next = unwrap(
      showVignetteStages(launched.workshop, { exerciseId: e.id, stagesShown: 2 }),
    );
    expect(next.exercises[0]!.stagesShown).toBe(2);
    expect(showVignetteStages(next, { exerciseId: e.id, stagesShown: 3 })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('need at least one stage', () => {
    expect(launch(grouped(), { title: 'Empty case', kind: 'vignette', stages: [] })).toMatchObject({
      ok: false,
      field: 'stages',
    });
  });

  it('compare groups per indicator, from seeded documents edited concurrently', () => {
    const server = new Y.Doc();
    seedVignette(server, 2);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(server));
    vignetteStage(a, 0)!.ticked.set('Documents were taken', true);
    vignetteStage(b, 0)!.ticked.set('Debt that grows', true);
    vignetteStage(b, 0)!.referral.insert(0, 'Shelter, then legal aid');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readStage(a, 0)).toEqual({
      ticked: ['Debt that grows', 'Documents were taken'],
      referral: 'Shelter, then legal aid',
    });
    expect(readStage(a, 1)).toEqual({ ticked: [], referral: '' });
    const comparison = compareStage(
      [
        { group: 'A', answer: { ticked: ['Documents were taken'], referral: '' } },
        {
          group: 'B',
          answer: { ticked: ['Documents were taken', 'Debt that grows'], referral: '' },
        },
      ],
      ['Documents were taken', 'Debt that grows', 'Violence'],
    );
    expect(comparison.map((c) => [c.indicator, c.groups, c.agreement])).toEqual([
      ['Documents were taken', ['A', 'B'], 1],
      ['Debt that grows', ['B'], 0.5],
      ['Violence', [], 0],
    ]);
  });
});

describe('the SMART check', () => {
  const full: Objective = {
    id: 'o',
    action: 'Train frontline officers in identification',
    why: 'Few victims are identified at the border',
    indicator: 'Officers trained',
    target: '40',
    responsible: 'City social welfare office',
    resources: 'Training budget',
    partners: 'IOM',
    deadline: '2027-06-30',
    status: 'planned',
  };

  it('passes a complete objective and names what is missing', () => {
    expect(missingSmart(full)).toEqual([]);
    expect(
      missingSmart({ ...full, action: 'Training', target: '', deadline: 'next year' }),
    ).toEqual(['specific', 'measurable', 'time-bound']);
    expect(missingSmart({ ...full, resources: ' ', why: '' })).toEqual(['achievable', 'relevant']);
  });
});
