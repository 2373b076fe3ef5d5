import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
  FollowUpView,
  ImportedWorkshop,
  Report,
  Workshop,
  WorkshopBackup,
} from '@plenary/shared';
import { dueCheckIns } from '@plenary/shared';
import {
  addActor,
  itemsOf,
  newObjective,
  objectivesOf,
  readDocumentContent,
  readObjective,
} from '@plenary/shared/docs';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  post,
  send,
  startServer,
  type Live,
  type Running,
} from './harness.js';
import { openDoc, synced, type DocClient } from './docs-harness.js';

let running: Running;
const lives: Live[] = [];
const docs: DocClient[] = [];
const track = (d: DocClient) => (docs.push(d), d);
beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  await running.close();
});

const get = (path: string, token?: string) =>
  fetch(`${running.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

/** The follow-up a connection was last sent. */
function followUpOf(live: Live): () => FollowUpView {
  let latest = live.welcome.followUp;
  live.socket.on('followup', (f) => (latest = f));
  return () => latest;
}

const stored = async (id: string): Promise<Workshop> =>
  (await running.server.workshops.get(id))!.workshop;

/** What a document holds now, as the report reads it. */
async function content(w: Workshop, artifactId: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await running.server.docs.stateOf(w.id, artifactId));
  const kind = w.artifacts.find((a) => a.id === artifactId)!.kind;
  return readDocumentContent(kind, doc);
}

/** A workshop with people, a poll with votes, a question, a group and three documents written in. */
async function furnished() {
  const url = running.url;
  const w = await createWorkshop(url, { template: 'victim-centred', venue: 'Cebu' });
  const ana = await join(url, w.joinCode, 'Ana Reyes', 'PH');
  const budi = await join(url, w.joinCode, 'Budi Santoso', 'ID');
  const facilitator = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
  const anaLive = await connect(url, w.id, { kind: 'participant', token: ana.token });
  lives.push(facilitator, anaLive);
  const g = await send(facilitator, 'group.create', { name: 'Cebu team' });
  const groupId = g.ok ? g.groupId : '';
  for (const p of [ana, budi])
    await send(facilitator, 'group.assign', { participantId: p.participantId, groupId });
  for (const [kind, title] of [
    ['checklist', 'First contact'],
    ['action-plan', 'Our plan'],
    ['map', 'Referral map'],
  ] as const)
    await send(facilitator, 'exercise.launch', {
      title,
      kind,
      template: kind === 'checklist' ? 'first-contact-referral' : null,
    });
  const poll = await send(facilitator, 'poll.create', {
    kind: 'single',
    question: 'Who refers most victims?',
    options: [{ label: 'Police' }, { label: 'NGOs' }],
    anonymous: false,
  });
  const pollId = poll.ok ? poll.pollId : '';
  await send(facilitator, 'poll.setState', { pollId, state: 'open' });
  const option = (await stored(w.id)).polls.find((p) => p.id === pollId)!.options[1]!.id;
  expect(
    await send(anaLive, 'vote.cast', { pollId, answer: { kind: 'single', optionId: option } }),
  ).toMatchObject({ ok: true });
  await send(facilitator, 'poll.setState', { pollId, state: 'closed' });
  await send(anaLive, 'question.ask', { text: 'Who pays for the shelter?' });

  const artifacts = (await stored(w.id)).artifacts;
  const id = (kind: string) => artifacts.find((a) => a.kind === kind)!.id;
  const plan = track(
    openDoc(url, w.id, id('action-plan'), { kind: 'participant', token: ana.token }),
  );
  const map = track(openDoc(url, w.id, id('map'), { kind: 'participant', token: ana.token }));
  const checklist = track(
    openDoc(url, w.id, id('checklist'), { kind: 'participant', token: ana.token }),
  );
  await Promise.all([synced(plan), synced(map), synced(checklist)]);
  const objective = newObjective('o1');
  objectivesOf(plan.doc).push([objective]);
  objective.set('action', 'Train ten labour inspectors on indicators');
  objective.set('status', 'in-progress');
  addActor(map.doc, {
    id: 'a1',
    name: 'District police',
    sector: 'police',
    contact: '',
    x: 0,
    y: 0,
  });
  itemsOf(checklist.doc).get(0).set('checked', true);
  await eventually(() =>
    expect(plan.allSaved() && map.allSaved() && checklist.allSaved()).toBe(true),
  );
  return { w, ana, budi, facilitator, anaLive, groupId, planId: id('action-plan') };
}

describe('the report', () => {
  it('needs the facilitator key: 401 without a key, 403 with a participant’s, the projector’s or a wrong one', async () => {
    const { w, ana } = await furnished();
    for (const path of ['report.md', 'report.json', 'export.json']) {
      expect((await get(`/api/workshops/${w.id}/${path}`)).status, path).toBe(401);
      for (const key of [ana.token, w.screenKey, 'not-the-key'])
        expect((await get(`/api/workshops/${w.id}/${path}`, key)).status, path).toBe(403);
      const ok = await get(`/api/workshops/${w.id}/${path}`, w.facilitatorKey);
      expect(ok.status, path).toBe(200);
      expect(ok.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('downloads as Markdown with the group work read from the documents', async () => {
    const { w } = await furnished();
    const res = await get(`/api/workshops/${w.id}/report.md`, w.facilitatorKey);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="regional-training-on-identification-report.md"',
    );
    const md = await res.text();
    expect(md).toMatch(/^# Regional training on identification/);
    expect(md).toContain('### Cebu team');
    expect(md).toContain('Train ten labour inspectors on indicators** — In progress');
    expect(md).toContain('- [x] Is the person in immediate danger?');
    expect(md).toContain('| District police | Police |');
    expect(md).toContain('| NGOs | 1 | 100% |');
    expect(md).toContain('Who pays for the shelter?');
    const report = (await (
      await get(`/api/workshops/${w.id}/report.json`, w.facilitatorKey)
    ).json()) as Report;
    expect(report.participants.map((c) => c.name)).toEqual(['Indonesia', 'Philippines']);
    expect(JSON.stringify(report)).not.toMatch(/tokenHash|KeyHash/);
  });
});

describe('the backup', () => {
  it('restores into a new workshop with a new id, join code and keys, and the same content', async () => {
    const { w, ana, facilitator } = await furnished();
    await send(facilitator, 'checkin.add', { title: '3 months', dueOn: '2027-02-27' });
    const res = await get(`/api/workshops/${w.id}/export.json`, w.facilitatorKey);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="regional-training-on-identification-backup-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const text = await res.text();
    const before = await stored(w.id);
    for (const secret of [
      before.facilitatorKeyHash,
      before.screenKeyHash,
      ...before.participants.map((p) => p.tokenHash),
    ])
      expect(text).not.toContain(secret);
    const backup = JSON.parse(text) as WorkshopBackup;
    expect(backup.documents).toHaveLength(3);

    const imported = await post<ImportedWorkshop>(`${running.url}/api/workshops/import`, backup);
    expect(imported.status).toBe(201);
    const n = imported.body;
    expect(n.id).not.toBe(w.id);
    expect(n.joinCode).not.toBe(w.joinCode);
    expect(n.facilitatorKey).not.toBe(w.facilitatorKey);
    expect(n.facilitatorUrl).toBe(`${running.url}/w/${n.id}/facilitate#key=${n.facilitatorKey}`);
    expect(n.participants.map((p) => p.name).sort()).toEqual(['Ana Reyes', 'Budi Santoso']);

    const after = await stored(n.id);
    expect(after.title).toBe(before.title);
    expect(after.modules).toEqual(before.modules);
    expect(after.polls).toEqual(before.polls);
    expect(after.questions).toEqual(before.questions);
    expect(after.groups).toEqual(before.groups);
    expect(after.exercises).toEqual(before.exercises);
    expect(after.artifacts).toEqual(before.artifacts);
    expect(after.followUp).toEqual(before.followUp);
    for (const a of before.artifacts)
      expect(await content(after, a.id)).toEqual(await content(before, a.id));

    // The new keys and tokens open the new workshop; the old ones do not.
    expect((await get(`/api/workshops/${n.id}`, n.facilitatorKey)).status).toBe(200);
    expect((await get(`/api/workshops/${n.id}`, w.facilitatorKey)).status).toBe(403);
    const newAna = n.participants.find((p) => p.name === 'Ana Reyes')!;
    expect(newAna.url).toBe(
      `${running.url}/w/${n.id}/followup#token=${encodeURIComponent(newAna.token)}`,
    );
    const again = await connect(running.url, n.id, { kind: 'participant', token: newAna.token });
    lives.push(again);
    expect(again.welcome.participantId).toBe(ana.participantId);
    await expect(
      connect(running.url, n.id, { kind: 'participant', token: ana.token }),
    ).rejects.toThrow(/unauthorized/);
    // A restored document opens and edits like any other.
    const doc = track(
      openDoc(running.url, n.id, before.artifacts[1]!.id, {
        kind: 'participant',
        token: newAna.token,
      }),
    );
    await synced(doc);
    // The backup held plain strings (the shape from before text fields were Y.Text): the
    // restored document opens upgraded, with the same words.
    expect(objectivesOf(doc.doc).get(0).get('action')).toBeInstanceOf(Y.Text);
    expect(readObjective(objectivesOf(doc.doc).get(0)).action).toBe(
      'Train ten labour inspectors on indicators',
    );
  });

  it('refuses a malformed, inconsistent or oversized backup, and creates nothing', async () => {
    const { w } = await furnished();
    const backup = (await (
      await get(`/api/workshops/${w.id}/export.json`, w.facilitatorKey)
    ).json()) as WorkshopBackup;
    const ids = await running.store.list();
    const importUrl = `${running.url}/api/workshops/import`;
    type Refusal = { error: { code: string; message: string; field?: string } };

    const empty = await post<Refusal>(importUrl, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/not a Plenary backup file/);

    const dangling = structuredClone(backup);
    dangling.workshop.artifacts[0]!.groupId = 'nobody';
    const refused = await post<Refusal>(importUrl, dangling);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/belongs to no group/);

    const badDoc = structuredClone(backup);
    badDoc.documents[0]!.state = Buffer.from('not a yjs update at all').toString('base64');
    const unreadable = await post<Refusal>(importUrl, badDoc);
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error).toMatchObject({ code: 'bad_request', field: 'documents' });

    const notJson = await fetch(importUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"format": ',
    });
    expect(notJson.status).toBe(400);

    const huge = { ...backup, padding: 'x'.repeat(21 * 1024 * 1024) };
    const tooLarge = await post<Refusal>(importUrl, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('too_large');

    expect(await running.store.list()).toEqual(ids);
  });
});

describe('follow-up', () => {
  it('round-trips a commitment: the participant and the facilitator see it, nobody else', async () => {
    const { w, ana, budi, facilitator, anaLive, planId } = await furnished();
    const budiLive = await connect(running.url, w.id, { kind: 'participant', token: budi.token });
    lives.push(budiLive);
    const forFacilitator = followUpOf(facilitator);
    const forAna = followUpOf(anaLive);
    const forBudi = followUpOf(budiLive);
    const ack = await send(anaLive, 'commitment.set', {
      text: 'Brief my unit on the referral map',
      objective: { artifactId: planId, objectiveId: 'o1', action: 'Train inspectors' },
    });
    expect(ack).toMatchObject({ ok: true });
    await eventually(() =>
      expect(forFacilitator().commitments.map((c) => c.text)).toEqual([
        'Brief my unit on the referral map',
      ]),
    );
    await eventually(() => expect(forAna().commitments).toHaveLength(1));
    expect(forBudi().commitments).toEqual([]);
    // It is kept: a new connection of Ana's is welcomed with it.
    const again = await connect(running.url, w.id, { kind: 'participant', token: ana.token });
    lives.push(again);
    expect(again.welcome.followUp.commitments[0]!.objective).toMatchObject({ objectiveId: 'o1' });
    const md = await (await get(`/api/workshops/${w.id}/report.md`, w.facilitatorKey)).text();
    expect(md).toContain(
      '| Ana Reyes | Philippines | Cebu team | Brief my unit on the referral map | Train ten labour inspectors on indicators |',
    );
  });

  it('round-trips a check-in: set by the facilitator, answered by a group, tabulated for the facilitator', async () => {
    const { w, facilitator, anaLive, budi, planId } = await furnished();
    const forFacilitator = followUpOf(facilitator);
    const forAna = followUpOf(anaLive);
    const added = await send(facilitator, 'checkin.add', {
      title: '3 months',
      dueOn: '2027-02-27',
    });
    const checkInId = added.ok ? added.checkInId : '';
    await eventually(() => expect(forAna().checkIns.map((c) => c.title)).toEqual(['3 months']));
    expect(
      await send(anaLive, 'checkin.add', { title: 'Mine', dueOn: '2027-01-01' }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    // Once its date has come, Ana's page reminds her group of it, until the group answers.
    const anaGroup = anaLive
      .session()
      .groups.find((g) => g.memberIds.includes(anaLive.welcome.participantId!))!.id;
    expect(dueCheckIns(forAna().checkIns, anaGroup, '2027-02-26')).toEqual([]);
    expect(dueCheckIns(forAna().checkIns, anaGroup, '2027-02-27').map((c) => c.title)).toEqual([
      '3 months',
    ]);
    const answered = await send(anaLive, 'checkin.answer', {
      checkInId,
      note: 'Six inspectors trained so far',
      objectives: [
        {
          artifactId: planId,
          objectiveId: 'o1',
          action: 'Train ten labour inspectors on indicators',
          status: 'in-progress',
          note: 'Six of ten',
        },
      ],
    });
    expect(answered).toMatchObject({ ok: true });
    await eventually(() =>
      expect(forFacilitator().checkIns[0]!.answers).toMatchObject([
        { note: 'Six inspectors trained so far', answeredBy: 'Ana Reyes' },
      ]),
    );
    await eventually(() =>
      expect(dueCheckIns(forAna().checkIns, anaGroup, '2027-03-01')).toEqual([]),
    );
    // Budi, in the same group, sees his group's answer when he connects.
    const budiLive = await connect(running.url, w.id, { kind: 'participant', token: budi.token });
    lives.push(budiLive);
    expect(budiLive.welcome.followUp.checkIns[0]!.answers).toHaveLength(1);
    const md = await (await get(`/api/workshops/${w.id}/report.md`, w.facilitatorKey)).text();
    expect(md).toContain(
      '| Cebu team | 0 done · 1 in progress · 0 planned | 0 done · 1 in progress · 0 planned |',
    );
    expect(md).toContain('- Cebu team, 3 months: Six inspectors trained so far (Ana Reyes)');

    // The facilitator renames and moves it: the answer stays, everyone sees the change, and
    // check-ins stay in date order.
    await send(facilitator, 'checkin.add', { title: '6 months', dueOn: '2027-05-27' });
    expect(
      await send(facilitator, 'checkin.update', {
        checkInId,
        title: '7 months (after the elections)',
        dueOn: '2027-06-30',
      }),
    ).toEqual({ ok: true });
    await eventually(() =>
      expect(forAna().checkIns.map((c) => c.title)).toEqual([
        '6 months',
        '7 months (after the elections)',
      ]),
    );
    expect(forFacilitator().checkIns[1]!.answers).toHaveLength(1);
    // A bad date or an empty title: a clear error, nothing changed.
    const before = JSON.stringify((await running.server.workshops.get(w.id))!.workshop);
    for (const bad of [{ dueOn: '2027-02-31' }, { title: '  ' }])
      expect(await send(facilitator, 'checkin.update', { checkInId, ...bad })).toMatchObject({
        ok: false,
        code: 'bad_request',
      });
    expect(JSON.stringify((await running.server.workshops.get(w.id))!.workshop)).toBe(before);
  });
});
