import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  CommandInputs,
  JoinInput,
  LIMITS,
  countryCodeFor,
  countryName,
  joinWorkshop,
  removeParticipant,
  renameParticipant,
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

describe('join rules', () => {
  it('normalises a typed join code and trims every field', () => {
    const parsed = JoinInput.parse({ joinCode: ' abc-def ', name: '  Maria  ', country: 'ph' });
    expect(parsed).toEqual({
      joinCode: 'ABCDEF',
      name: 'Maria',
      country: 'PH',
      city: '',
      organisation: '',
      role: '',
    });
  });

  it('refuses a missing name, an unknown country and a malformed code, naming the field', () => {
    const noName = JoinInput.safeParse({ joinCode: 'ABCDEF', name: '   ', country: 'PH' });
    expect(noName.success || noName.error.issues[0]!.path).toEqual(['name']);
    const country = JoinInput.safeParse({ joinCode: 'ABCDEF', name: 'M', country: 'XX' });
    expect(country.success || country.error.issues[0]!.path).toEqual(['country']);
    const code = JoinInput.safeParse({ joinCode: 'AB0O1I', name: 'M', country: 'PH' });
    expect(code.success || code.error.issues[0]!.path).toEqual(['joinCode']);
  });

  it('asks for nothing beyond name, country, city, organisation and role', () => {
    const parsed = JoinInput.parse({
      ...profile,
      joinCode: 'ABCDEF',
      email: 'someone@example.org',
      phone: '123',
    });
    expect(Object.keys(parsed).sort()).toEqual([
      'city',
      'country',
      'joinCode',
      'name',
      'organisation',
      'role',
    ]);
  });

  it('adds a participant with a token hash, never the token', () => {
    const ctx = context();
    const { workshop: w, participant } = unwrap(
      joinWorkshop(workshop('blank', ctx), profile, 'hash-of-secret', ctx),
    );
    expect(w.participants).toEqual([participant]);
    expect(participant).toMatchObject({
      ...profile,
      tokenHash: 'hash-of-secret',
      joinedAt: ctx.now,
    });
  });

  it('refuses to join a full workshop', () => {
    const ctx = context();
    let w = workshop('blank', ctx);
    w = {
      ...w,
      participants: Array.from({ length: LIMITS.participants }, (_, i) => ({
        ...profile,
        id: `p${i}`,
        tokenHash: 'h',
        joinedAt: 0,
      })),
    };
    expect(joinWorkshop(w, profile, 'h', ctx)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('finds countries by code or name', () => {
    expect(countryCodeFor('philippines')).toBe('PH');
    expect(countryCodeFor('kh')).toBe('KH');
    expect(countryCodeFor('Atlantis')).toBeUndefined();
    expect(countryName('LK')).toBe('Sri Lanka');
  });
});

describe('the roster', () => {
  const ctx = context();
  const joined = unwrap(joinWorkshop(workshop('blank', ctx), profile, 'h', ctx));

  it('renames and removes participants', () => {
    const renamed = unwrap(
      renameParticipant(joined.workshop, {
        participantId: joined.participant.id,
        name: 'M. Santos',
      }),
    );
    expect(renamed.participants[0]!.name).toBe('M. Santos');
    const removed = unwrap(removeParticipant(renamed, { participantId: joined.participant.id }));
    expect(removed.participants).toEqual([]);
    expect(removeParticipant(removed, { participantId: joined.participant.id })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('lets a participant change only their own profile', () => {
    const self = context(0, { role: 'participant', participantId: joined.participant.id });
    const w = unwrap(updateOwnProfile(joined.workshop, { city: 'Davao' }, self));
    expect(w.participants[0]).toMatchObject({ city: 'Davao', name: 'Maria Santos' });
    expect(updateOwnProfile(joined.workshop, { city: 'X' }, context())).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});

describe('the command table', () => {
  it('has an entry and a schema for every command', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(Object.keys(CommandInputs).sort());
  });

  it('gives participants only their profile, votes, questions, ratings, check-ins, commitment and submitting; the rest is the facilitator\u2019s', () => {
    const participantOnly = [
      'me.update',
      'vote.cast',
      'question.ask',
      'question.upvote',
      'review.rate',
      'checkin.answer',
      'commitment.set',
    ];
    const shared = ['artifact.submit'];
    // A moderator's: questions, showing one on the projector, and their own name in the team.
    const moderated = ['question.setState', 'screen.show', 'team.rename'];
    for (const name of Object.keys(COMMANDS) as CommandName[]) {
      const roles = COMMANDS[name].roles;
      if (participantOnly.includes(name)) expect(roles).toEqual(['participant']);
      else if (shared.includes(name)) expect(roles).toEqual(['facilitator', 'participant']);
      else if (moderated.includes(name)) expect(roles).toEqual(['facilitator', 'moderator']);
      else expect(roles).toEqual(['facilitator']);
    }
  });
});
