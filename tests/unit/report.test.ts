import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCheckIn,
  addModule,
  addActivity,
  addMonths,
  answerCheckIn,
  askQuestion,
  assignToGroup,
  buildReport,
  castVote,
  CommandInputs,
  createGroup,
  createPoll,
  createWorkshop,
  duplicatePoll,
  followUpFor,
  followUpOf,
  followUpProgress,
  joinWorkshop,
  launchExercise,
  mdInline,
  mdParagraph,
  openReview,
  PLAN_STATUSES,
  ratePractice,
  reportMarkdown,
  restoreWorkshop,
  setCommitment,
  setCurrent,
  setPollState,
  setQuestionState,
  suggestedCheckIns,
  workshopBackup,
  WorkshopBackupSchema,
  type DocumentContent,
  type Workshop,
} from '@plenary/shared';
import {
  addActor,
  addLink,
  itemsOf,
  linesOf,
  newItem,
  newLine,
  newObjective,
  objectivesOf,
  OBJECTIVE_STATUSES,
  practiceText,
  readDocumentContent,
} from '@plenary/shared/docs';
import { context, unwrap } from './fixtures.js';

const T0 = Date.UTC(2026, 10, 23, 8, 0);
const MIN = 60_000;

const SECRETS = ['FACILITATOR-HASH-1', 'SCREEN-HASH-1', 'TOKEN-HASH-ana', 'TOKEN-HASH-budi'];

let seq = 0;
/** A participant acting; ids they create are unique across the test. */
const as = (participantId: string, now = T0) => ({
  ...context(now, { role: 'participant', participantId }),
  newId: () => `p${++seq}`,
});

/**
 * A small, invented workshop run end to end in the domain: an agenda run late and early, three
 * participants from two countries, a knowledge check before and after, questions, one group with
 * a checklist, a plan, a map and a budget, a check-in and a commitment.
 */
function run() {
  const ctx = context(T0);
  let w: Workshop = createWorkshop(
    {
      title: 'Regional training on identification',
      template: 'blank',
      startsOn: '2026-11-23',
      endsOn: '2026-11-27',
      venue: 'Cebu',
      retentionDays: null,
    },
    {
      id: 'w1',
      joinCode: 'ABCDEF',
      facilitatorKeyHash: SECRETS[0]!,
      screenKeyHash: SECRETS[1]!,
    },
    ctx,
  );
  const day = unwrap(addModule(w, { title: 'Day 1: identification' }, ctx));
  w = day.workshop;
  const activity = (title: string, plannedMinutes: number) => {
    const r = unwrap(
      addActivity(w, { moduleId: day.moduleId, title, kind: 'talk', plannedMinutes }, ctx),
    );
    w = r.workshop;
    return r.activityId;
  };
  const opening = activity('Opening', 30);
  const referral = activity('Referral mechanisms', 60);
  activity('Closing', 15);
  w = unwrap(setCurrent(w, { activityId: opening }, ctx));
  ctx.tick(35 * MIN);
  w = unwrap(setCurrent(w, { activityId: referral }, ctx));
  ctx.tick(50 * MIN);
  w = unwrap(setCurrent(w, { activityId: null }, ctx));

  const people = [
    ['Ana *Reyes* [x](http://example.invalid)', 'PH', 'Invented NGO', SECRETS[2]!],
    ['Budi Santoso', 'ID', 'Invented Ministry of Labour', SECRETS[3]!],
    ['Citra Dewi', 'ID', 'Invented Shelter', 'TOKEN-HASH-citra'],
  ] as const;
  for (const [name, country, organisation, hash] of people)
    w = unwrap(
      joinWorkshop(w, { name, country, city: '', organisation, role: '' }, hash, ctx),
    ).workshop;
  const [ana, budi, citra] = w.participants.map((p) => p.id) as [string, string, string];

  // Knowledge check: 1 of 3 right before, 3 of 3 after.
  const created = unwrap(
    createPoll(
      w,
      CommandInputs['poll.create'].parse({
        kind: 'quiz',
        question: 'Does a child’s consent matter?',
        options: [{ label: 'No', correct: true }, { label: 'Yes' }],
        anonymous: false,
        checkPhase: 'pre',
      }),
      ctx,
    ),
  );
  w = unwrap(setPollState(created.workshop, { pollId: created.pollId, state: 'open' }));
  const [right, wrong] = w.polls[0]!.options.map((o) => o.id) as [string, string];
  for (const [i, p] of [ana, budi, citra].entries())
    w = unwrap(
      castVote(
        w,
        { pollId: created.pollId, answer: { kind: 'quiz', optionId: i === 0 ? right : wrong } },
        as(p),
      ),
    );
  const twin = unwrap(duplicatePoll(w, { pollId: created.pollId, asTwin: true }, ctx));
  w = unwrap(setPollState(twin.workshop, { pollId: twin.pollId, state: 'open' }));
  const right2 = w.polls[1]!.options[0]!.id;
  for (const p of [ana, budi, citra])
    w = unwrap(
      castVote(w, { pollId: twin.pollId, answer: { kind: 'quiz', optionId: right2 } }, as(p)),
    );

  w = unwrap(askQuestion(w, { text: 'Who pays for the shelter?', anonymous: false }, as(ana)));
  w = unwrap(askQuestion(w, { text: 'Off-topic remark', anonymous: true }, as(budi)));
  w = unwrap(setQuestionState(w, { questionId: w.questions[1]!.id, state: 'hidden' }));

  const group = unwrap(createGroup(w, { name: 'Cebu team' }, ctx));
  w = group.workshop;
  const other = unwrap(createGroup(w, { name: 'Jakarta team' }, ctx));
  w = other.workshop;
  w = unwrap(assignToGroup(w, { participantId: ana, groupId: group.groupId }));
  w = unwrap(assignToGroup(w, { participantId: budi, groupId: group.groupId }));
  w = unwrap(assignToGroup(w, { participantId: citra, groupId: other.groupId }));
  const launch = (kind: 'checklist' | 'action-plan' | 'map' | 'budget', title: string) => {
    const budget =
      kind === 'budget'
        ? { envelope: 100_000, currency: 'USD', shares: { monitoring: { min: 5, max: null } } }
        : null;
    w = unwrap(
      launchExercise(w, { title, kind, template: null, activityId: null, stages: [], budget }, ctx),
    ).workshop;
    return w.artifacts.find((a) => a.groupId === group.groupId && a.title === title)!.id;
  };
  const checklistId = launch('checklist', 'First contact');
  const planId = launch('action-plan', 'Our plan');
  const mapId = launch('map', 'Referral map');
  const budgetId = launch('budget', 'Budget');
  const otherPlanId = w.artifacts.find(
    (a) => a.groupId === other.groupId && a.kind === 'action-plan',
  )!.id;

  // The documents, written as the editors write them, then read as plain data.
  const checklist = new Y.Doc();
  itemsOf(checklist).push([
    newItem({ id: 'i1', section: 'Safety', text: 'Is the person in danger?', checked: true }),
    newItem({ id: 'i2', section: 'Safety', text: 'Is it safe to talk here?' }),
    newItem({ id: 'i3', section: 'Consent', text: 'Ask before sharing', owner: 'Police' }),
  ]);
  checklist.getArray<Y.Map<unknown>>('items').get(0).set('checkedBy', 'Ana');
  const plan = new Y.Doc();
  const o1 = newObjective('o1');
  const o2 = newObjective('o2');
  objectivesOf(plan).push([o1, o2]);
  for (const [k, v] of Object.entries({
    action: 'Train ten labour inspectors on indicators',
    why: 'Few cases are identified at work sites',
    indicator: 'Inspectors trained',
    target: '10',
    responsible: 'Labour office',
    resources: 'Two trainers',
    deadline: '2027-03-01',
    status: 'in-progress',
    progress: 'Six trained so far',
  }))
    o1.set(k, v);
  o2.set('action', 'Set up a hotline');
  const map = new Y.Doc();
  const actor = (id: string, name: string, sector: 'police' | 'shelter' | 'ngo') =>
    addActor(map, { id, name, sector, contact: '', x: 0, y: 0 });
  actor('a1', 'District police', 'police');
  actor('a2', 'City shelter', 'shelter');
  actor('a3', 'Community NGO', 'ngo');
  addLink(map, {
    id: 'l1',
    from: 'a1',
    to: 'a2',
    kind: 'refers',
    label: '',
    consent: true,
    data: 'Name, needs',
    pathway: 'both',
  });
  const budget = new Y.Doc();
  linesOf(budget).push([
    newLine({ id: 'b1', pillar: 'prevention', description: 'Awareness', amount: 40_000 }),
    newLine({ id: 'b2', pillar: 'protection', description: 'Shelter beds', amount: 50_000 }),
    newLine({ id: 'b3', pillar: 'monitoring', description: 'Survey', amount: 2_000 }),
  ]);
  const documents: Record<string, DocumentContent> = {
    [checklistId]: readDocumentContent('checklist', checklist),
    [planId]: readDocumentContent('action-plan', plan),
    [mapId]: readDocumentContent('map', map),
    [budgetId]: readDocumentContent('budget', budget),
  };

  const checkIn = unwrap(addCheckIn(w, { title: '3 months', dueOn: '2027-02-27' }, ctx));
  w = checkIn.workshop;
  w = unwrap(
    answerCheckIn(
      w,
      {
        checkInId: checkIn.checkInId,
        selfAssessments: [],
        note: 'Training started in two districts',
        objectives: [
          {
            artifactId: planId,
            objectiveId: 'o1',
            action: 'Train ten labour inspectors',
            status: 'in-progress',
            note: '',
          },
          { artifactId: planId, objectiveId: 'o2', action: 'Hotline', status: 'done', note: '' },
        ],
      },
      as(ana, T0 + 90 * 24 * 60 * MIN),
    ),
  );
  w = unwrap(
    setCommitment(
      w,
      {
        text: 'Brief my unit on the referral map',
        objective: { artifactId: planId, objectiveId: 'o1', action: 'old text' },
      },
      as(budi),
    ),
  );
  return {
    w,
    documents,
    ids: { ana, budi, citra, planId, otherPlanId, checkInId: checkIn.checkInId },
    groups: { cebu: group.groupId, jakarta: other.groupId },
    now: ctx.now,
  };
}

describe('the report model', () => {
  it('gives planned and actual time per activity, module and agenda', () => {
    const { w, documents, now } = run();
    const r = buildReport({ workshop: w, documents, now });
    expect(
      r.agenda.modules[0]!.activities.map((a) => [a.title, a.actualMinutes, a.differenceMinutes]),
    ).toEqual([
      ['Opening', 35, 5],
      ['Referral mechanisms', 50, -10],
      ['Closing', null, null],
    ]);
    expect(r.agenda).toMatchObject({ plannedMinutes: 105, actualMinutes: 85 });
  });

  it('lists participants by country, alphabetically, with no token, key or hash', () => {
    const { w, documents, now } = run();
    const r = buildReport({ workshop: w, documents, now });
    expect(r.participants.map((c) => [c.name, c.people.map((p) => p.name)])).toEqual([
      ['Indonesia', ['Budi Santoso', 'Citra Dewi']],
      ['Philippines', ['Ana *Reyes* [x](http://example.invalid)']],
    ]);
    const everything = JSON.stringify(r) + reportMarkdown(r);
    for (const secret of [...SECRETS, 'TOKEN-HASH-citra']) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/tokenHash|KeyHash/);
  });

  it('computes the knowledge check gain and leaves per-person scores out', () => {
    const { w, documents, now } = run();
    const r = buildReport({ workshop: w, documents, now });
    expect(r.knowledgeCheck!.overall.pre).toBeCloseTo(1 / 3);
    expect(r.knowledgeCheck!.overall.post).toBe(1);
    expect(r.knowledgeCheck!.overall.gain).toBeCloseTo(2 / 3);
    expect(r.knowledgeCheck).not.toHaveProperty('participants');
    expect(r.polls.map((p) => [p.check, p.results.voters])).toEqual([
      ['pre', 3],
      ['post', 3],
    ]);
  });

  it('keeps hidden questions out, most voted first', () => {
    const { w, documents, now } = run();
    const r = buildReport({ workshop: w, documents, now });
    expect(r.questions).toEqual([
      {
        text: 'Who pays for the shelter?',
        upvotes: 0,
        answered: false,
        askedBy: w.participants[0]!.name,
      },
    ]);
  });

  it('reads each group’s work: checklist, plan, map gaps and budget totals per pillar', () => {
    const { w, documents, now } = run();
    const r = buildReport({ workshop: w, documents, now });
    const cebu = r.groups.find((g) => g.name === 'Cebu team')!;
    expect(cebu.members).toEqual([w.participants[0]!.name, 'Budi Santoso']);
    const [checklist, plan, map, budget] = cebu.work;
    expect(checklist).toMatchObject({ kind: 'checklist', done: 1, total: 3 });
    if (checklist?.kind === 'checklist')
      expect(checklist.sections.map((s) => [s.title, s.items.length])).toEqual([
        ['Safety', 2],
        ['Consent', 1],
      ]);
    expect(plan).toMatchObject({
      kind: 'action-plan',
      counts: { inProgress: 1, planned: 1, total: 2 },
    });
    if (plan?.kind === 'action-plan') {
      expect(plan.objectives[0]).toMatchObject({ progress: 'Six trained so far', missing: [] });
      expect(plan.objectives[1]!.missing).toContain('measurable');
    }
    expect(map?.kind).toBe('map');
    if (map?.kind === 'map') {
      expect(map.gapList.isolated).toEqual(['Community NGO']);
      expect(map.gapList.pathToAssistance).toBe(true);
      expect(map.gapList.pathToReintegration).toBe(false);
      expect(map.gapList.missingSectors).toContain('Labour inspection');
      expect(map.gapList.singlePoints).toEqual(expect.arrayContaining(['District police']));
    }
    expect(budget?.kind).toBe('budget');
    if (budget?.kind === 'budget') {
      expect(budget.totals).toMatchObject({ total: 92_000, remaining: 8_000, over: false });
      expect(budget.pillars.map((p) => [p.pillar, p.amount, p.share])).toEqual([
        ['prevention', 40_000, 40],
        ['protection', 50_000, 50],
        ['prosecution', 0, 0],
        ['partnership', 0, 0],
        ['monitoring', 2_000, 2],
      ]);
      expect(budget.totals.shareIssues).toEqual([
        { pillar: 'monitoring', share: 2, bound: 5, kind: 'below-min' },
      ]);
    }
    // A group whose documents were never opened reads as empty, not as an error.
    const jakarta = r.groups.find((g) => g.name === 'Jakarta team')!;
    expect(jakarta.work.map((x) => x.kind)).toEqual(['checklist', 'action-plan', 'map', 'budget']);
  });

  it('ties a commitment to the objective as the plan says it now, and shows the follow-up', () => {
    const { w, documents, now } = run();
    const r = buildReport({ workshop: w, documents, now });
    expect(r.commitments).toEqual([
      {
        name: 'Budi Santoso',
        country: 'Indonesia',
        countryCode: 'ID',
        group: 'Cebu team',
        text: 'Brief my unit on the referral map',
        objective: 'Train ten labour inspectors on indicators',
      },
    ]);
    expect(r.followUp.now).toEqual([
      { groupName: 'Cebu team', counts: { planned: 1, inProgress: 1, done: 0, total: 2 } },
      { groupName: 'Jakarta team', counts: { planned: 0, inProgress: 0, done: 0, total: 0 } },
    ]);
    expect(r.followUp.notes).toEqual([
      {
        checkIn: '3 months',
        dueOn: '2027-02-27',
        groupName: 'Cebu team',
        note: 'Training started in two districts',
        by: w.participants[0]!.name,
      },
    ]);
  });
});

describe('the Markdown report', () => {
  it('has every section, with planned vs actual, the gain, gaps and budget totals', () => {
    const { w, documents, now } = run();
    const md = reportMarkdown(buildReport({ workshop: w, documents, now }));
    expect(md).toMatch(/^# Regional training on identification\n/);
    expect(md).toContain('Cebu · 23 Nov 2026 – 27 Nov 2026');
    for (const heading of [
      '## Agenda: planned and actual time',
      '## Participants by country',
      '## Polls and quizzes',
      '### Knowledge check: before and after',
      '## Questions from the floor',
      '## Group work',
      '### Cebu team',
      '## Personal commitments',
      '## Follow-up',
    ])
      expect(md).toContain(`\n${heading}\n`);
    expect(md).toContain('| Opening | Talk | 30 min | 35 min | +5 min |');
    expect(md).toContain('| Referral mechanisms | Talk | 1 h | 50 min | −10 min |');
    expect(md).toContain('| Closing | Talk | 15 min | not run | — |');
    expect(md).toContain('| **All questions** | **33%** | **100%** | **+67 points** |');
    expect(md).toContain('Not linked to anyone: Community NGO.');
    expect(md).toContain(
      'Envelope USD 100,000 · allocated USD 92,000 · USD 8,000 left to allocate.',
    );
    expect(md).toContain('| Monitoring and evaluation | USD 2,000 | 2% | at least 5% |');
    expect(md).toContain('- [x] Is the person in danger? — checked by Ana');
    expect(md).toContain(
      '| Cebu team | 0 done · 1 in progress · 1 planned | 1 done · 1 in progress · 0 planned |',
    );
    expect(md).not.toContain('Off-topic remark');
  });

  it('escapes what people typed, so it cannot become a link or markup', () => {
    const { w, documents, now } = run();
    const md = reportMarkdown(buildReport({ workshop: w, documents, now }));
    expect(md).toContain('Ana \\*Reyes\\* \\[x\\](http\\://example.invalid)');
    expect(md).not.toContain('[x](http');
    expect(mdInline('a | b\nc <script>')).toBe('a \\| b c \\<script\\>');
    expect(mdParagraph('1. not a list')).toBe('1\\. not a list');
    expect(mdParagraph('# not a heading')).toBe('\\# not a heading');
  });
});

describe('the follow-up', () => {
  it('takes real dates only for a check-in, including days past the end of a month', () => {
    const dueOn = (d: string) => CommandInputs['checkin.add'].safeParse({ title: 'x', dueOn: d });
    for (const good of ['2027-02-28', '2028-02-29', '2027-12-31'])
      expect(dueOn(good).success).toBe(true);
    for (const bad of ['2027-02-29', '2027-02-31', '2027-04-31', '2027-13-01', '2027-1-5', 'soon'])
      expect(dueOn(bad).success).toBe(false);
  });

  it('uses the action plan’s statuses', () => {
    expect([...PLAN_STATUSES]).toEqual([...OBJECTIVE_STATUSES]);
  });

  it('tabulates each group at each check-in: done, in progress, planned, and the note', () => {
    const { w, groups, ids } = run();
    const ctx = context(T0);
    const later = unwrap(addCheckIn(w, { title: '6 months', dueOn: '2027-05-27' }, ctx)).workshop;
    const table = followUpProgress(later);
    expect(table.checkIns.map((c) => c.title)).toEqual(['3 months', '6 months']);
    expect(table.rows.map((r) => r.groupName)).toEqual(['Cebu team', 'Jakarta team']);
    expect(table.rows[0]!.cells).toEqual([
      {
        checkInId: ids.checkInId,
        answered: true,
        counts: { planned: 0, inProgress: 1, done: 1, total: 2 },
        note: 'Training started in two districts',
        answeredBy: w.participants[0]!.name,
        answeredAt: T0 + 90 * 24 * 60 * MIN,
        selfMean: null,
      },
      { checkInId: expect.any(String), answered: false },
    ]);
    expect(table.rows.find((r) => r.groupId === groups.jakarta)!.cells[0]).toMatchObject({
      answered: false,
    });
  });

  it('replaces a group’s earlier answer, and refuses another group’s plan or someone with no group', () => {
    const { w, ids } = run();
    const again = unwrap(
      answerCheckIn(
        w,
        { checkInId: ids.checkInId, note: 'Update', objectives: [], selfAssessments: [] },
        as(ids.budi),
      ),
    );
    const answers = followUpOf(again).checkIns[0]!.answers;
    expect(answers.map((a) => [a.note, a.answeredBy])).toEqual([['Update', 'Budi Santoso']]);
    const foreign = {
      checkInId: ids.checkInId,
      selfAssessments: [],
      note: '',
      objectives: [
        {
          artifactId: ids.otherPlanId,
          objectiveId: 'x',
          action: '',
          status: 'done' as const,
          note: '',
        },
      ],
    };
    expect(answerCheckIn(w, foreign, as(ids.ana))).toMatchObject({ ok: false, code: 'forbidden' });
    const alone = unwrap(
      joinWorkshop(
        w,
        { name: 'Dewi', country: 'ID', city: '', organisation: '', role: '' },
        'h',
        context(T0),
      ),
    );
    expect(
      answerCheckIn(
        alone.workshop,
        { checkInId: ids.checkInId, note: 'x', objectives: [], selfAssessments: [] },
        as(alone.participant.id),
      ),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(
      answerCheckIn(w, { ...foreign, checkInId: 'gone', objectives: [] }, as(ids.ana)),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('keeps one commitment per participant, tied only to their own group’s plan', () => {
    const { w, ids } = run();
    expect(
      setCommitment(
        w,
        { text: 'x', objective: { artifactId: ids.otherPlanId, objectiveId: 'o1', action: '' } },
        as(ids.ana),
      ),
    ).toMatchObject({ ok: false, code: 'forbidden', field: 'objective' });
    const rewritten = unwrap(
      setCommitment(w, { text: 'Something else', objective: null }, as(ids.budi)),
    );
    expect(followUpOf(rewritten).commitments.map((c) => [c.text, c.objective])).toEqual([
      ['Something else', null],
    ]);
    const withdrawn = unwrap(setCommitment(rewritten, { text: '', objective: null }, as(ids.budi)));
    expect(followUpOf(withdrawn).commitments).toEqual([]);
  });

  it('shows a participant their group’s answers and their own commitment only', () => {
    const { w, ids } = run();
    const citra = followUpFor(w, 'participant', ids.citra);
    expect(citra.commitments).toEqual([]);
    expect(citra.checkIns[0]!.answers).toEqual([]);
    const budi = followUpFor(w, 'participant', ids.budi);
    expect(budi.commitments).toHaveLength(1);
    expect(budi.checkIns[0]!.answers).toHaveLength(1);
    expect(followUpFor(w, 'screen', null)).toEqual({ checkIns: [], commitments: [] });
    expect(followUpFor(w, 'facilitator', null).commitments).toHaveLength(1);
  });

  it('suggests check-ins 3 and 6 months after the last day', () => {
    expect(
      suggestedCheckIns({ startsOn: '2026-11-23', endsOn: '2026-11-27', createdAt: 0 }),
    ).toEqual([
      { title: '3 months', dueOn: '2027-02-27' },
      { title: '6 months', dueOn: '2027-05-27' },
    ]);
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(suggestedCheckIns({ startsOn: null, endsOn: null, createdAt: T0 })[0]!.dueOn).toBe(
      '2027-02-23',
    );
  });

  it('reads a workshop stored before the follow-up existed as having none', () => {
    const { w } = run();
    const old: Workshop = { ...w };
    delete old.followUp;
    expect(followUpOf(old)).toEqual({ checkIns: [], commitments: [] });
    expect(followUpProgress(old).rows[0]!.cells).toEqual([]);
  });
});

describe('the backup', () => {
  it('leaves the secrets out, and restores with new ones, the same ids and anonymous polls closed', () => {
    const { w, now } = run();
    const anonymous = unwrap(
      createPoll(
        w,
        CommandInputs['poll.create'].parse({ kind: 'open', question: 'Word?' }),
        context(T0),
      ),
    );
    const open = unwrap(
      setPollState(anonymous.workshop, { pollId: anonymous.pollId, state: 'open' }),
    );
    const backup = workshopBackup(
      open,
      [{ artifactId: open.artifacts[0]!.id, state: 'AAA=' }],
      now,
    );
    const text = JSON.stringify(backup);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('"joinCode"');

    const parsed = WorkshopBackupSchema.parse(JSON.parse(text));
    const tokenHashes = Object.fromEntries(
      parsed.workshop.participants.map((p) => [p.id, `new-${p.id}`]),
    );
    const { workshop: restored, notes } = restoreWorkshop(
      parsed.workshop,
      { id: 'w2', joinCode: 'GHJKLM', facilitatorKeyHash: 'f2', screenKeyHash: 's2', tokenHashes },
      now,
    );
    expect(restored).toMatchObject({ id: 'w2', joinCode: 'GHJKLM', facilitatorKeyHash: 'f2' });
    expect(restored.participants.map((p) => p.tokenHash)).toEqual(
      open.participants.map((p) => `new-${p.id}`),
    );
    expect(restored.modules).toEqual(open.modules);
    expect(restored.groups).toEqual(open.groups);
    expect(restored.artifacts).toEqual(open.artifacts);
    expect(restored.followUp).toEqual(open.followUp);
    expect(restored.polls.map((p) => p.state)).toEqual(['open', 'open', 'closed']);
    expect(notes).toEqual([
      {
        code: 'anonymous_polls_closed',
        count: 1,
        text: expect.stringContaining('restored closed'),
      },
    ]);
  });

  it('refuses a backup whose references point at nothing, naming the problem', () => {
    const { w, now } = run();
    const backup = JSON.parse(JSON.stringify(workshopBackup(w, [], now)));
    backup.workshop.artifacts[0].groupId = 'no-such-group';
    const result = WorkshopBackupSchema.safeParse(backup);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/belongs to no group/);
    const notABackup = WorkshopBackupSchema.safeParse({ title: 'x' });
    expect(notABackup.error!.issues[0]!.message).toBe('This is not a Plenary backup file');
  });

  it('turns retention off when the restored workshop would be deleted at once', () => {
    const { w } = run();
    const kept = { ...w, retentionDays: 30 };
    const parsed = WorkshopBackupSchema.parse(
      JSON.parse(JSON.stringify(workshopBackup(kept, [], T0))),
    );
    const secrets = {
      id: 'w3',
      joinCode: 'MNPQRS',
      facilitatorKeyHash: 'f',
      screenKeyHash: 's',
      tokenHashes: {},
    };
    const soon = restoreWorkshop(parsed.workshop, secrets, Date.UTC(2026, 11, 1));
    expect(soon.workshop.retentionDays).toBe(30);
    const late = restoreWorkshop(parsed.workshop, secrets, Date.UTC(2027, 5, 1));
    expect(late.workshop.retentionDays).toBeNull();
    expect(late.notes).toEqual([
      { code: 'retention_off', text: expect.stringMatching(/retention is off/) },
    ]);
  });
});

describe('peer review in the report and the follow-up', () => {
  /** The workshop of `run`, plus practice write-ups rated by self and peers on two criteria. */
  function reviewed() {
    const base = run();
    const ctx = { ...context(T0), newId: () => `r${++seq}` };
    const { cebu, jakarta } = base.groups;
    const { ana, citra } = base.ids;
    let w = unwrap(
      launchExercise(
        base.w,
        {
          title: 'Our practice',
          kind: 'practice',
          template: null,
          activityId: null,
          stages: [],
          budget: null,
        },
        ctx,
      ),
    ).workshop;
    const exerciseId = w.exercises.at(-1)!.id;
    const opened = unwrap(
      openReview(
        w,
        CommandInputs['review.open'].parse({
          exerciseId,
          criteria: [{ label: 'Relevance' }, { label: 'Evidence' }],
        }),
        ctx,
      ),
    );
    w = opened.workshop;
    const { roundId } = opened;
    const [relevance, evidence] = w.reviews![0]!.criteria.map((c) => c.id) as [string, string];
    const rate = (
      by: string,
      targetGroupId: string,
      as_: 'self' | 'peer',
      r: number,
      e: number,
      comment = '',
    ) => {
      w = unwrap(
        ratePractice(
          w,
          { roundId, targetGroupId, as: as_, scores: { [relevance]: r, [evidence]: e }, comment },
          as(by),
        ),
      );
    };
    rate(ana, cebu, 'self', 2, 3, 'We lack data');
    rate(citra, cebu, 'peer', 4, 5, 'Strong partnership');
    rate(citra, jakarta, 'self', 5, 5);
    rate(ana, jakarta, 'peer', 3, 4);
    const practiceOf = (groupId: string) =>
      w.artifacts.find((a) => a.exerciseId === exerciseId && a.groupId === groupId)!.id;
    const doc = new Y.Doc();
    practiceText(doc, 'name').insert(0, 'Joint inspections of fishing boats');
    practiceText(doc, 'problem').insert(0, 'Crews were never asked.\nNobody checked contracts.');
    const documents = {
      ...base.documents,
      [practiceOf(cebu)]: readDocumentContent('practice', doc),
    };
    return { ...base, w, documents, roundId, relevance, evidence };
  }

  it('reports each practice, self against peers, with its rank and what to borrow', () => {
    const { w, documents, now } = reviewed();
    const r = buildReport({ workshop: w, documents, now });
    const round = r.review[0]!;
    expect(round).toMatchObject({ exercise: 'Our practice', closed: false });
    expect(
      round.practices.map((p) => [p.group, p.name, p.selfOverall, p.peerOverall, p.rank]),
    ).toEqual([
      ['Cebu team', 'Joint inspections of fishing boats', 2.5, 4.5, 1],
      ['Jakarta team', '', 5, 3.5, 2],
    ]);
    expect(round.practices[0]!.comments).toEqual([{ text: 'Strong partnership', from: null }]);
    expect(round.borrow).toEqual([
      { group: 'Cebu team', criterion: 'Relevance', selfScore: 2, from: ['Jakarta team'] },
    ]);
    const practice = r.groups[0]!.work.find((x) => x.kind === 'practice');
    expect(practice).toMatchObject({ title: 'Our practice' });
    const md = reportMarkdown(r);
    expect(md).toContain('\n## Peer review\n');
    expect(md).toContain('| Joint inspections of fishing boats | Cebu team | 2.5 | 4.5 | 1 | 1 |');
    expect(md).toContain('| Relevance | 2.0 | 4.0 | 4–4 |');
    expect(md).toContain('**Problem**\n\nCrews were never asked.  \nNobody checked contracts.');
    expect(md).toContain('- Cebu team (self 2 on Relevance): see Jakarta team.');
  });

  it('re-runs the self-assessment at a check-in, and shows it against the workshop’s', () => {
    const { w, ids, roundId, relevance, evidence } = reviewed();
    const answer = (selfAssessments: Array<{ roundId: string; scores: Record<string, number> }>) =>
      answerCheckIn(
        w,
        { checkInId: ids.checkInId, note: 'Better now', objectives: [], selfAssessments },
        as(ids.ana),
      );
    const after = unwrap(answer([{ roundId, scores: { [evidence]: 5, [relevance]: 4 } }]));
    const stored = followUpOf(after).checkIns[0]!.answers[0]!;
    expect(stored.selfAssessments).toEqual([
      { roundId, scores: { [relevance]: 4, [evidence]: 5 } },
    ]);
    const row = followUpProgress(after).rows[0]!;
    expect(row.workshopSelfMean).toBe(2.5);
    expect(row.cells[0]).toMatchObject({ answered: true, selfMean: 4.5 });
    expect(answer([{ roundId: 'nope', scores: { [relevance]: 4 } }])).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(answer([{ roundId, scores: { other: 4 } }])).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    const md = reportMarkdown(buildReport({ workshop: after, documents: {}, now: T0 }));
    expect(md).toContain('| Cebu team (self-assessment at the workshop 2.5) |');
    expect(md).toContain('| no objectives · self-assessment 4.5 |');
  });

  it('keeps the rounds and ratings in a backup', () => {
    const { w, now } = reviewed();
    const parsed = WorkshopBackupSchema.parse(
      JSON.parse(JSON.stringify(workshopBackup(w, [], now))),
    );
    expect(parsed.workshop.reviews).toEqual(w.reviews);
  });
});
