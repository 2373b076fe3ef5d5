import { describe, expect, it } from 'vitest';
import {
  CommandInputs,
  JoinInput,
  WorkshopBackupSchema,
  describeZodError,
  joinWorkshop,
  updateOwnProfile,
  type CommandName,
} from '@plenary/shared';
import { context, unwrap, workshop } from './fixtures.js';

const profile = {
  name: 'Maria Santos',
  country: 'PH',
  city: 'Cebu',
  organisation: 'Invented NGO',
  role: 'Social worker',
};

describe('partial updates', () => {
  // Every command that changes part of a record, with only the fields that say which record.
  const patches: Array<[CommandName, Record<string, unknown>]> = [
    ['workshop.update', { title: 'New title' }],
    ['me.update', { name: 'Maria Santos-Reyes' }],
    ['activity.update', { activityId: 'a1', title: 'Renamed' }],
    ['poll.update', { pollId: 'p1', question: 'Reworded?' }],
    ['review.update', { roundId: 'r1' }],
    ['checkin.update', { checkInId: 'c1', title: 'At six months' }],
  ];

  it.each(patches)('%s fills in nothing that was left out', (name, patch) => {
    expect(CommandInputs[name].parse(patch)).toEqual(patch);
  });

  it('a participant who corrects only their name keeps their city, organisation and role', () => {
    const ctx = context();
    const joined = unwrap(joinWorkshop(workshop('blank', ctx), profile, 'h', ctx));
    const self = context(0, { role: 'participant', participantId: joined.participant.id });
    const input = CommandInputs['me.update'].parse({ name: 'Maria Santos-Reyes' });
    const w = unwrap(updateOwnProfile(joined.workshop, input, self));
    expect(w.participants[0]).toMatchObject({ ...profile, name: 'Maria Santos-Reyes' });
  });

  it('a venue left out of a workshop update stays as it was', () => {
    expect(CommandInputs['workshop.update'].parse({ timerSound: true })).not.toHaveProperty(
      'venue',
    );
  });
});

describe('names must show', () => {
  const invisible = [
    '\u200B',
    '\u200B\u200C\u200D\u200E\u200F',
    '\u2060\u2061\u2062\u2063\u2064',
    '\uFEFF',
    '\u00AD\u00AD',
    '\u0301\u0308',
    '\u202A\u202B\u202C\u202D\u202E',
    '\u2066\u2067\u2068\u2069',
    '\u3000\u2003\u00A0',
    '\u3164',
    '\u2800',
    '\u{E0041}\u{E0042}',
    ' \u200B \uFEFF ',
  ];

  it.each(invisible.map((s) => [JSON.stringify(s), s]))(
    'refuses the name %s, naming the field',
    (_, name) => {
      const r = JoinInput.safeParse({ ...profile, joinCode: 'ABCDEF', name });
      expect(r.success).toBe(false);
      if (r.success) return;
      expect(describeZodError(r.error)).toMatchObject({ field: 'name' });
      expect(r.error.issues[0]!.message).toMatch(/Name (is required|must have a visible)/);
    },
  );

  it('refuses invisible group names, titles, poll questions, check-in titles and organisations', () => {
    const cases: Array<[CommandName, Record<string, unknown>, string]> = [
      ['group.create', { name: '\u200B' }, 'name'],
      ['group.update', { groupId: 'g1', name: '\u2066\u2069' }, 'name'],
      ['module.add', { title: '\uFEFF' }, 'title'],
      ['activity.add', { moduleId: 'm1', title: '\u00AD' }, 'title'],
      ['workshop.update', { title: '\u2060' }, 'title'],
      ['poll.create', { kind: 'single', question: '\u200D' }, 'question'],
      ['checkin.add', { title: '\u200B', dueOn: '2027-03-01' }, 'title'],
      ['me.update', { organisation: '\u200B\u200B' }, 'organisation'],
      ['participant.rename', { participantId: 'p1', name: '\u0301' }, 'name'],
    ];
    for (const [name, input, field] of cases) {
      const r = CommandInputs[name].safeParse(input);
      expect(r.success, name).toBe(false);
      if (!r.success) expect(describeZodError(r.error).field, name).toBe(field);
    }
  });

  it('strips bidi overrides and isolates from a name, and keeps every letter', () => {
    const parsed = JoinInput.parse({
      ...profile,
      joinCode: 'ABCDEF',
      name: '\u202EMaria\u202C \u2067سارة\u2069',
    });
    expect(parsed.name).toBe('Maria سارة');
  });

  it('accepts names in any script, with combining marks and joiners inside', () => {
    for (const name of ['José', 'Nguyễn Văn A', 'សុខា', 'ศรี', '김민수', 'e\u0301', '👩‍⚕️ Ana'])
      expect(JoinInput.parse({ ...profile, joinCode: 'ABCDEF', name }).name).toBe(name);
  });

  it('still lets an optional field be empty', () => {
    expect(CommandInputs['me.update'].parse({ city: '' })).toEqual({ city: '' });
  });
});

describe('ids', () => {
  it.each(['../../../escape', 'a.b', 'a/b', 'a b', '', 'x'.repeat(65), 'é'])(
    'a command refuses the id %j',
    (id) => {
      const r = CommandInputs['group.delete'].safeParse({ groupId: id });
      expect(r.success).toBe(false);
    },
  );

  it('takes every kind of id the app makes', () => {
    for (const id of ['k3m9x2abcdefghijkmnpqrstuv', 'victim-centredness', 'a1b2c3d4e5f60718'])
      expect(CommandInputs['group.delete'].parse({ groupId: id })).toEqual({ groupId: id });
  });

  it('a backup with a path for a document id or a dot in a participant id is refused, naming the field', () => {
    const backup = (participantId: string, artifactId: string) => ({
      format: 'plenary-workshop-backup',
      version: 1,
      exportedAt: '2026-12-01T00:00:00.000Z',
      workshop: {
        title: 'T',
        venue: '',
        startsOn: null,
        endsOn: null,
        createdAt: 0,
        modules: [],
        currentActivityId: null,
        timer: { status: 'idle', durationMs: 0 },
        participants: [{ ...profile, id: participantId, joinedAt: 0 }],
        polls: [],
        questions: [],
        groups: [{ id: 'g1', name: 'G', memberIds: [participantId], extraMs: 0 }],
        exercises: [
          {
            id: 'e1',
            title: 'E',
            kind: 'checklist',
            template: null,
            activityId: null,
            revealed: false,
            launchedAt: 0,
          },
        ],
        artifacts: [
          {
            id: artifactId,
            exerciseId: 'e1',
            groupId: 'g1',
            kind: 'checklist',
            title: 'E',
            submittedAt: null,
            locked: false,
          },
        ],
      },
      documents: [{ artifactId, state: '' }],
    });
    expect(WorkshopBackupSchema.safeParse(backup('p1', 'a1')).success).toBe(true);
    const escape = WorkshopBackupSchema.safeParse(backup('p1', '../../../escape'));
    expect(escape.success || describeZodError(escape.error).field).toBe('workshop.artifacts.0.id');
    const dotted = WorkshopBackupSchema.safeParse(backup('p.1', 'a1'));
    expect(dotted.success || describeZodError(dotted.error).field).toBe(
      'workshop.participants.0.id',
    );
  });
});
