import { afterEach, describe, expect, it } from 'vitest';
import type { ServerDeps } from '@plenary/server';
import {
  DEFAULT_COUNTRY_NAMES,
  type CreatedWorkshop,
  type EntryOutcome,
  type EntryServices,
  type JoinLookup,
  type KnowledgeCheckReport,
  type Workshop,
  type WorkshopBackup,
} from '@plenary/shared';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  post,
  send,
  startServer,
  type Running,
} from './harness.js';

/**
 * Issue 22, items 3, 4 and 6 over a real server: the ways in that the web app's form actions use
 * (handed to them on the request, the same code and limits as the REST API), country names as
 * people write them, and the template's prepared content through REST, sockets and a backup.
 */

/** Stands in for the SvelteKit handler: a "form action" that calls what the server handed it. */
const formActions: NonNullable<ServerDeps['webHandler']> = async (req, res) => {
  const services = (req as unknown as { plenary?: EntryServices }).plenary;
  if (!services) return void res.status(500).json({ error: 'no services' });
  const body = await new Promise<unknown>((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text ? JSON.parse(text) : {}));
  });
  const args = body as { code?: string };
  let out: EntryOutcome<unknown>;
  if (req.path === '/form/create') out = await services.create(body);
  else if (req.path === '/form/lookup') out = await services.lookup(args.code ?? '');
  else out = await services.join(body);
  res.json(out);
};

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const get = (url: string, key?: string) =>
  fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('the ways in, as form actions get them', () => {
  it('create, look up and join, counted against the same address limits as the REST API', async () => {
    running = await startServer(undefined, undefined, {
      webHandler: formActions,
      rateLimits: { creationsPerMinute: 2 },
    });
    const base = running.url;
    const viaForm = await post<EntryOutcome<CreatedWorkshop>>(`${base}/form/create`, {
      title: 'Made by a form',
      template: 'blank',
    });
    expect(viaForm.body.ok).toBe(true);
    if (!viaForm.body.ok) return;
    const created = viaForm.body.value;
    expect(created.facilitatorUrl).toBe(
      `${base}/w/${created.id}/facilitate#key=${created.facilitatorKey}`,
    );
    // One by REST, and the address has used its two creations a minute: the form is refused too.
    await createWorkshop(base);
    const refused = await post<EntryOutcome<CreatedWorkshop>>(`${base}/form/create`, {
      title: 'One too many',
    });
    expect(refused.body).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(refused.body.ok || refused.body.retryAfterMs).toBeGreaterThan(0);
    const rest = await post<unknown>(`${base}/api/workshops`, { title: 'And by REST' });
    expect(rest.status).toBe(429);

    const lookup = await post<EntryOutcome<JoinLookup>>(`${base}/form/lookup`, {
      code: created.joinCode.toLowerCase(),
    });
    expect(lookup.body).toEqual({
      ok: true,
      value: { workshopId: created.id, title: 'Made by a form', countryNames: 'un' },
    });
    const joined = await post<EntryOutcome<{ token: string; workshopId: string }>>(
      `${base}/form/join`,
      { joinCode: created.joinCode, name: 'Invented Mai', country: 'VN' },
    );
    expect(joined.body.ok && joined.body.value.workshopId).toBe(created.id);
    const bad = await post<EntryOutcome<unknown>>(`${base}/form/join`, {
      joinCode: created.joinCode,
      name: 'Invented Nobody',
      country: 'Atlantis',
    });
    expect(bad.body).toMatchObject({ ok: false, code: 'bad_request', field: 'country' });
    const facilitator = await connect(base, created.id, {
      kind: 'facilitator',
      key: created.facilitatorKey,
    });
    await eventually(() =>
      expect([...facilitator.roster().values()].map((p) => [p.name, p.country])).toEqual([
        ['Invented Mai', 'VN'],
      ]),
    );
    facilitator.socket.close();
  });
});

describe('country names', () => {
  it('the organiser chooses UN or common names; the join lookup and every screen follow', async () => {
    running = await startServer();
    const base = running.url;
    const w = await createWorkshop(base);
    const lookup = async () =>
      ((await (await get(`${base}/api/join/${w.joinCode}`)).json()) as JoinLookup).countryNames;
    expect(await lookup()).toBe(DEFAULT_COUNTRY_NAMES);
    const me = await join(base, w.joinCode, 'Invented Linh', 'VN');
    const facilitator = await connect(base, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    const phone = await connect(base, w.id, { kind: 'participant', token: me.token });
    expect(phone.session().countryNames).toBe('un');
    const ack = await send(facilitator, 'workshop.update', { countryNames: 'common' });
    expect(ack.ok).toBe(true);
    await eventually(() => expect(phone.session().countryNames).toBe('common'));
    expect(await lookup()).toBe('common');
    // Anything else is refused and changes nothing.
    const wrong = await send(facilitator, 'workshop.update', {
      countryNames: 'iso' as unknown as 'un',
    });
    expect(wrong).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await lookup()).toBe('common');
    for (const live of [facilitator, phone]) live.socket.close();
  });
});

describe('the victim-centred template over REST', () => {
  it('comes with its knowledge check, polls and exercises, and a backup keeps them', async () => {
    running = await startServer();
    const base = running.url;
    const w = await createWorkshop(base, { template: 'victim-centred' });
    const check = (await (
      await get(`${base}/api/workshops/${w.id}/knowledge-check`, w.facilitatorKey)
    ).json()) as KnowledgeCheckReport;
    expect(check.questions.length).toBeGreaterThanOrEqual(8);
    expect(check.questions.every((q) => q.postId)).toBe(true);

    const facilitator = await connect(base, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    const prepared = facilitator
      .session()
      .modules.flatMap((m) => m.activities)
      .filter((a) => a.exercise);
    expect(prepared.map((a) => a.exercise?.kind)).toEqual([
      'vignette',
      'checklist',
      'map',
      'budget',
      'practice',
      'action-plan',
    ]);
    // Launched as the console does, in one step.
    await send(facilitator, 'group.create', { name: 'Group 1' });
    const vignette = prepared[0]!;
    const launched = await send(facilitator, 'exercise.launch', {
      ...vignette.exercise!,
      activityId: vignette.id,
    });
    expect(launched.ok).toBe(true);
    await eventually(() =>
      expect(facilitator.session().exercises.map((e) => [e.kind, e.stagesShown])).toEqual([
        ['vignette', 1],
      ]),
    );
    facilitator.socket.close();

    const backup = (await (
      await get(`${base}/api/workshops/${w.id}/export.json`, w.facilitatorKey)
    ).json()) as WorkshopBackup;
    const restored = await post<{ id: string }>(`${base}/api/workshops/import`, backup);
    expect(restored.status).toBe(201);
    const again = (await running.store.load(restored.body.id))!.workshop as Workshop;
    const original = (await running.store.load(w.id))!.workshop;
    expect(again.modules).toEqual(original.modules);
    expect(again.polls.length).toBe(original.polls.length);
    expect(again.countryNames).toBe('un');
  });
});
