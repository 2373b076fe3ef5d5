import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ARTIFACT_KINDS,
  kindMeta,
  kindRules,
  type Artifact,
  type ArtifactKind,
  type Exercise,
} from '../../shared/src/index.js';
import {
  documentProgress,
  readDocumentContent,
  seedDocument,
} from '../../shared/src/kinds/documents.js';
import { reportKindLabel, reportWork, reportWorkMarkdown } from '../../shared/src/kinds/reports.js';

const exercise = (kind: ArtifactKind): Exercise => ({
  id: 'e1',
  title: 'An exercise',
  kind,
  template: kindRules(kind).template ? 'identification-adult' : null,
  activityId: null,
  revealed: false,
  launchedAt: 0,
  stages: kindRules(kind).stages ? ['The first stage of an invented case.'] : [],
  stagesShown: 1,
  budget: kindRules(kind).budget ? { envelope: 1000, currency: 'USD', shares: {} } : null,
});

const artifact = (kind: string): Artifact => ({
  id: 'a1',
  exerciseId: 'e1',
  groupId: 'g1',
  kind: kind as ArtifactKind,
  title: 'Group work',
  submittedAt: null,
  locked: false,
});

const base = { artifactId: 'a1', title: 'Group work', kindLabel: 'Label', submittedAt: null };

describe('the catalogue of exercise kinds', () => {
  it('lists each kind once, with a label and rules', () => {
    expect(new Set(ARTIFACT_KINDS).size).toBe(ARTIFACT_KINDS.length);
    for (const kind of ARTIFACT_KINDS) {
      expect(kindMeta(kind)?.kind).toBe(kind);
      expect(kindRules(kind)).toBeTypeOf('object');
    }
  });

  it('gives every kind a document and a report section that carry its name', () => {
    for (const kind of ARTIFACT_KINDS) {
      const doc = new Y.Doc();
      seedDocument(kind, doc, exercise(kind), () => `id-${Math.random()}`);
      const content = readDocumentContent(kind, doc, exercise(kind).stages.length);
      expect(content.kind).toBe(kind);
      const work = reportWork(base, artifact(kind), exercise(kind), content);
      expect(work).toMatchObject({ ...base, kind });
      expect(reportKindLabel(kind)).not.toBe(kind);
      expect(reportWorkMarkdown(work).length).toBeGreaterThan(0);
      expect(documentProgress(kind, doc)).toMatchObject({
        done: expect.any(Number),
        total: expect.any(Number),
      });
    }
  });

  it('reads a kind this version does not know as "other", with no rules', () => {
    expect(kindMeta('kind-from-a-newer-version')).toBeUndefined();
    expect(kindRules('kind-from-a-newer-version')).toEqual({});
    expect(reportKindLabel('kind-from-a-newer-version')).toBe('kind-from-a-newer-version');
    const doc = new Y.Doc();
    expect(readDocumentContent('kind-from-a-newer-version' as ArtifactKind, doc)).toEqual({
      kind: 'other',
    });
    expect(documentProgress('kind-from-a-newer-version' as ArtifactKind, doc)).toEqual({
      done: 0,
      total: 0,
    });
    const work = reportWork(base, artifact('kind-from-a-newer-version'), undefined, undefined);
    expect(work).toEqual({ ...base, kind: 'other' });
    expect(reportWorkMarkdown(work)).toEqual(['Open this work in Plenary to read it.']);
  });

  it('reads a document of another kind than its artifact as empty', () => {
    const doc = new Y.Doc();
    seedDocument('checklist', doc, exercise('checklist'), () => `id-${Math.random()}`);
    const checklist = readDocumentContent('checklist', doc);
    const work = reportWork(base, artifact('action-plan'), exercise('action-plan'), checklist);
    expect(work).toMatchObject({ kind: 'action-plan', objectives: [] });
  });
});
