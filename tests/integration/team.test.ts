import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { TeamView } from '@plenary/shared';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  send,
  startServer,
  type Live,
  type Running,
} from './harness.js';
import { openRawDoc } from './docs-harness.js';

let running: Running;
const lives: Live[] = [];
const docs: WebSocket[] = [];
beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  for (const l of lives.splice(0)) l.socket.close();
  for (const d of docs.splice(0)) d.terminate();
  await running.close();
});

const rest = (path: string, key: string) =>
  fetch(`${running.url}/api/workshops/${path}`, { headers: { authorization: `Bearer ${key}` } });

async function live(id: string, key: string, kind: 'facilitator' | 'screen' = 'facilitator') {
  const l = await connect(running.url, id, { kind, key });
  lives.push(l);
  return l;
}

/** A workshop with a group document, its owner connected and listening for the team. */
async function workshopWithTeam() {
  const w = await createWorkshop(running.url);
  const owner = await live(w.id, w.facilitatorKey);
  const teams: TeamView[] = [];
  owner.socket.on('team', (t) => teams.push(t));
  const group = await send(owner, 'group.create', { name: 'Cebu' });
  const launched = await send(owner, 'exercise.launch', { title: 'Checklist', kind: 'checklist' });
  if (!group.ok || !launched.ok) throw new Error('setup failed');
  const invite = async (name: string, role: 'facilitator' | 'moderator') => {
    const ack = await send(owner, 'team.invite', { name, role });
    if (!ack.ok || !ack.key) throw new Error(`invite failed: ${JSON.stringify(ack)}`);
    return { memberId: ack.memberId, key: ack.key };
  };
  return { w, owner, teams, invite };
}

const closedWith = (ws: WebSocket) =>
  new Promise<number>((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve(0);
    ws.once('close', (code) => resolve(code));
  });

async function firstArtifact(id: string, key: string): Promise<string> {
  const res = await rest(id, key);
  const body = (await res.json()) as { artifacts?: Array<{ id: string }> };
  if (body.artifacts?.[0]) return body.artifacts[0].id;
  throw new Error('no artifact in the session view');
}

describe('the facilitation team', () => {
  it('a revoked co-facilitator is refused at once everywhere: socket.io, documents and REST', async () => {
    const { w, owner, teams, invite } = await workshopWithTeam();
    const ana = await invite('Ana', 'facilitator');
    expect(ana.key).not.toBe(w.facilitatorKey);

    const anaLive = await live(w.id, ana.key);
    expect(anaLive.welcome).toMatchObject({ role: 'facilitator', memberId: ana.memberId });
    await eventually(() =>
      expect(teams.at(-1)?.members).toEqual([
        expect.objectContaining({ name: 'Ana', role: 'facilitator', online: true }),
      ]),
    );
    const artifactId = await firstArtifact(w.id, ana.key);
    const doc = await openRawDoc(running.url, w.id, artifactId, {
      kind: 'facilitator',
      key: ana.key,
    });
    docs.push(doc);
    const docClosed = closedWith(doc);
    expect((await rest(w.id, ana.key)).status).toBe(200);
    // She can run the console: her action is credited to her.
    expect((await send(anaLive, 'breakout.set', { open: true })).ok).toBe(true);

    expect((await send(owner, 'team.revoke', { memberId: ana.memberId })).ok).toBe(true);
    await eventually(() => expect(anaLive.ended()).toBe('revoked'));
    await eventually(() => expect(anaLive.socket.connected).toBe(false));
    expect(await docClosed).toBeGreaterThan(0);
    expect((await rest(w.id, ana.key)).status).toBe(403);
    await expect(live(w.id, ana.key)).rejects.toThrow(/does not open/);
    const again = await openRawDoc(running.url, w.id, artifactId, {
      kind: 'facilitator',
      key: ana.key,
    });
    docs.push(again);
    expect(await closedWith(again)).toBe(4401);
    await eventually(() => expect(teams.at(-1)?.members).toEqual([]));

    // The owner is untouched, and the report credits Ana.
    expect(owner.socket.connected).toBe(true);
    const md = await (await rest(`${w.id}/report.md`, w.facilitatorKey)).text();
    expect(md).toContain('Ana opened the breakout');
    expect(md).toContain('revoked Ana');
  });

  it('a moderator handles questions and nothing else', async () => {
    const { w, invite } = await workshopWithTeam();
    const bo = await invite('Bo', 'moderator');
    const p = await join(running.url, w.joinCode, 'Maria');
    const participant = await connect(running.url, w.id, { kind: 'participant', token: p.token });
    lives.push(participant);
    expect((await send(participant, 'question.ask', { text: 'Who refers?' })).ok).toBe(true);

    const boLive = await live(w.id, bo.key);
    expect(boLive.welcome.role).toBe('moderator');
    const questions = (boLive.welcome as unknown as { questions: Array<{ id: string }> }).questions;
    const questionId = questions[0]!.id;
    expect((await send(boLive, 'question.setState', { questionId, state: 'answered' })).ok).toBe(
      true,
    );
    const shown = await send(boLive, 'screen.show', { target: { kind: 'question', questionId } });
    expect(shown.ok).toBe(true);
    for (const refused of [
      await send(boLive, 'timer.start', {}),
      await send(boLive, 'breakout.set', { open: true }),
      await send(boLive, 'team.invite', { name: 'Eve', role: 'facilitator' }),
      await send(boLive, 'participant.remove', { participantId: p.participantId }),
    ])
      expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await rest(`${w.id}/report.md`, bo.key)).status).toBe(403);
    const artifactId = await firstArtifact(w.id, w.facilitatorKey);
    const doc = await openRawDoc(running.url, w.id, artifactId, {
      kind: 'facilitator',
      key: bo.key,
    });
    docs.push(doc);
    expect(await closedWith(doc)).toBeGreaterThan(4000);
  });

  it('rotating the screen key or the owner’s own key ends the old key’s connections', async () => {
    const { w, owner } = await workshopWithTeam();
    const screen = await live(w.id, w.screenKey, 'screen');
    const rotated = await send(owner, 'key.rotate', { target: 'screen' });
    if (!rotated.ok || !rotated.key) throw new Error('no new screen key');
    await eventually(() => expect(screen.ended()).toBe('revoked'));
    await expect(live(w.id, w.screenKey, 'screen')).rejects.toThrow(/does not open/);
    expect((await live(w.id, rotated.key, 'screen')).welcome.role).toBe('screen');
    expect(owner.socket.connected).toBe(true);

    const mine = await send(owner, 'key.rotate', { target: 'owner' });
    if (!mine.ok || !mine.key) throw new Error('no new owner key');
    await eventually(() => expect(owner.ended()).toBe('revoked'));
    expect((await rest(w.id, w.facilitatorKey)).status).toBe(403);
    expect((await live(w.id, mine.key)).welcome.role).toBe('facilitator');
  });
});
