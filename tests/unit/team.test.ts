import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  CommandInputs,
  applyCommand,
  buildReport,
  credentialCurrent,
  docAccess,
  mayRun,
  reportMarkdown,
  teamOf,
  teamView,
  workshopBackup,
  type Actor,
  type CommandName,
  type Workshop,
} from '@plenary/shared';
import { context, unwrap, workshop } from './fixtures.js';

const OWNER: Actor = { role: 'facilitator', keyHash: 'f' };

/** A key maker for tests: hashes are h1, h2, … */
function keys() {
  let n = 0;
  return () => `h${++n}`;
}

function run<K extends CommandName>(
  w: Workshop,
  actor: Actor,
  name: K,
  payload: unknown,
  issueKey = keys(),
) {
  const ctx = { ...context(1_700_000_000_000, actor), issueKey };
  return applyCommand(w, name, CommandInputs[name].parse(payload) as never, ctx);
}

/** A workshop whose owner invited Ana (co-facilitator, key hash h1) and Bo (moderator, hb). */
function withTeam() {
  let w = workshop();
  const ana = unwrap(run(w, OWNER, 'team.invite', { name: 'Ana', role: 'facilitator' }));
  w = ana.workshop;
  const anaId = ana.result.memberId;
  const bo = unwrap(
    applyCommand(
      w,
      'team.invite',
      CommandInputs['team.invite'].parse({ name: 'Bo', role: 'moderator' }),
      {
        ...context(1_700_000_000_000, OWNER),
        newId: () => 'bo',
        issueKey: () => 'hb',
      },
    ),
  );
  w = bo.workshop;
  const ANA: Actor = { role: 'facilitator', memberId: anaId, keyHash: 'h1' };
  const BO: Actor = { role: 'moderator', memberId: 'bo', keyHash: 'hb' };
  return { w, anaId, ANA, BO };
}

describe('the facilitation team', () => {
  it('the owner invites a co-facilitator and a moderator, each with their own key hash and role', () => {
    const { w, anaId } = withTeam();
    expect(teamOf(w).members).toEqual([
      { id: anaId, name: 'Ana', role: 'facilitator', keyHash: 'h1', invitedAt: 1_700_000_000_000 },
      { id: 'bo', name: 'Bo', role: 'moderator', keyHash: 'hb', invitedAt: 1_700_000_000_000 },
    ]);
  });

  it('only the owner invites, revokes or replaces a member’s key; a co-facilitator may replace the screen key', () => {
    const { w, ANA, BO } = withTeam();
    for (const actor of [ANA, BO]) {
      const invite = run(w, actor, 'team.invite', { name: 'Eve', role: 'facilitator' });
      expect(invite).toMatchObject({ ok: false, code: 'forbidden' });
      expect(run(w, actor, 'team.revoke', { memberId: 'bo' })).toMatchObject({ ok: false });
      expect(run(w, actor, 'key.rotate', { target: 'owner' })).toMatchObject({ ok: false });
    }
    const screen = unwrap(run(w, ANA, 'key.rotate', { target: 'screen' }));
    expect(screen.workshop.screenKeyHash).toBe('h1');
  });

  it('a moderator may run only question commands (and put a question on the projector)', () => {
    const { w, BO } = withTeam();
    const allowed = (Object.keys(COMMANDS) as CommandName[]).filter((n) => mayRun(w, n, BO).ok);
    expect(allowed.sort()).toEqual(['question.setState', 'screen.show', 'team.rename']);
    const poll = run(w, BO, 'screen.show', { target: { kind: 'activity' } });
    expect(poll.ok).toBe(true);
    const work = run(w, BO, 'screen.show', { target: { kind: 'poll', pollId: 'x' } });
    expect(work).toMatchObject({ ok: false, code: 'forbidden' });
    expect(run(w, BO, 'timer.start', {})).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('a revoked member’s key counts for nothing: commands refused, documents closed', () => {
    const { w, ANA, anaId } = withTeam();
    expect(credentialCurrent(w, ANA)).toBe(true);
    const after = unwrap(run(w, OWNER, 'team.revoke', { memberId: anaId })).workshop;
    expect(credentialCurrent(after, ANA)).toBe(false);
    expect(run(after, ANA, 'timer.start', {})).toMatchObject({ ok: false, code: 'unauthorized' });
    const withDoc = { ...after, artifacts: [{ id: 'a1' } as Workshop['artifacts'][number]] };
    expect(docAccess(withDoc, 'a1', ANA)).toBe('none');
    expect(docAccess(withDoc, 'a1', OWNER)).toBe('write');
  });

  it('a replaced key stops counting; the owner’s new key and the new screen key do', () => {
    const { w, ANA, anaId } = withTeam();
    const rotated = unwrap(
      run(w, OWNER, 'key.rotate', { target: 'member', memberId: anaId }, () => 'new'),
    );
    expect(credentialCurrent(rotated.workshop, ANA)).toBe(false);
    expect(credentialCurrent(rotated.workshop, { ...ANA, keyHash: 'new' })).toBe(true);
    const owner = unwrap(run(w, OWNER, 'key.rotate', { target: 'owner' })).workshop;
    expect(owner.facilitatorKeyHash).toBe('h1');
    expect(credentialCurrent(owner, OWNER)).toBe(false);
    expect(credentialCurrent(owner, { role: 'facilitator', keyHash: 'h1' })).toBe(true);
    const screen = unwrap(run(w, OWNER, 'key.rotate', { target: 'screen' })).workshop;
    expect(credentialCurrent(screen, { role: 'screen', keyHash: 's' })).toBe(false);
  });

  it('who did what: launches and reveals are credited by name, kept after a revocation', () => {
    const { w, ANA, anaId } = withTeam();
    const named = unwrap(run(w, OWNER, 'team.rename', { name: 'Chloé' })).workshop;
    const poll = unwrap(
      run(named, ANA, 'poll.create', {
        kind: 'single',
        question: 'Ready?',
        options: [{ label: 'Yes' }, { label: 'No' }],
      }),
    );
    const launched = unwrap(
      run(poll.workshop, ANA, 'poll.setState', { pollId: poll.result.pollId, state: 'open' }),
    ).workshop;
    const revoked = unwrap(run(launched, OWNER, 'team.revoke', { memberId: anaId })).workshop;
    const log = teamOf(revoked).log.map((e) => `${e.byName} ${e.action}`);
    expect(log).toEqual([
      'Lead facilitator invited Ana as co-facilitator',
      'Lead facilitator invited Bo as moderator',
      'Ana launched the poll “Ready?”',
      'Chloé revoked Ana’s key',
    ]);
    expect(teamOf(revoked).log.at(-2)).toMatchObject({ by: anaId });
    // Kept as data too, for each screen to word in its reader's language.
    expect(teamOf(revoked).log.at(-2)?.what).toEqual({ did: 'poll.launched', poll: 'Ready?' });
    // Participants' own actions and the poll's creation are not part of the log.
    expect(log.some((l) => l.includes('created'))).toBe(false);
  });

  it('the report names the team and who did what; views and backups carry no key hash', () => {
    const { w, ANA } = withTeam();
    const opened = unwrap(run(w, ANA, 'gallery.set', { open: true })).workshop;
    const report = buildReport({ workshop: opened, documents: {}, now: 1_700_000_000_000 });
    expect(report.team?.members.map((m) => m.name)).toEqual(['Lead facilitator', 'Ana', 'Bo']);
    const md = reportMarkdown(report);
    expect(md).toContain('## Facilitation team');
    expect(md).toContain('Ana opened the gallery');
    const view = teamView(opened, { owner: true, members: new Set(['bo']) });
    expect(view.members.map((m) => [m.name, m.online])).toEqual([
      ['Ana', false],
      ['Bo', true],
    ]);
    expect(JSON.stringify(view)).not.toMatch(/"h1"|"hb"|keyHash/);
    const backup = workshopBackup(opened, [], 0);
    expect(JSON.stringify(backup)).not.toMatch(/"h1"|"hb"|keyHash/);
  });

  it('invitations are parsed: a name is needed, the role is facilitator or moderator', () => {
    expect(CommandInputs['team.invite'].safeParse({ name: ' ', role: 'facilitator' }).success).toBe(
      false,
    );
    expect(CommandInputs['team.invite'].safeParse({ name: 'Ana', role: 'owner' }).success).toBe(
      false,
    );
    expect(CommandInputs['key.rotate'].safeParse({ target: 'member' }).success).toBe(false);
  });
});
