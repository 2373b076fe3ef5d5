import type { Component } from 'svelte';
import type * as Y from 'yjs';
import type {
  Ack,
  ArtifactKind,
  BudgetSettings,
  Exercise,
  Locale,
  ReportWork,
  SessionView,
} from '@plenary/shared';
import type { Connection } from '$lib/connection.svelte';
import type { PresenceUser } from '$lib/yjs/doc-connection.svelte';

/** What every editor is given; each takes what its kind needs. */
export type EditorProps = {
  doc: Y.Doc;
  /** Null when the exercise was removed; kinds with `needsExercise` are not shown then. */
  exercise: Exercise | null;
  editable: boolean;
  /** Tells the page which field this person is in (null: none), for the presence line. */
  onediting: (id: string | null) => void;
  /** This person's name, for what they tick. */
  myName: string;
  /** The exercise and group, for downloaded files. */
  title: string;
  /** Groups see each other's work (all submitted, or the facilitator revealed it). */
  revealed: boolean;
  users: readonly PresenceUser[];
  selfId: number;
};

/** One group's document on the projector, read afresh whenever `version` changes. */
export type ProjectedProps = {
  doc: Y.Doc;
  exercise: Exercise | undefined;
  version: number;
  /** The projector's languages: labels in each, the first also for what has room for one. */
  locales: readonly Locale[];
};

/** One group's tile, when every group's work for an exercise is projected side by side. */
export type TileProps = ProjectedProps & { group: string };

/** Every group's work for one exercise as one chart (instead of a tile each). */
export type CompareProps = {
  exercise: Exercise;
  /** Each group's name and document (null while it loads). */
  docs: ReadonlyArray<{ group: string; doc: Y.Doc | null }>;
  version: number;
  locales: readonly Locale[];
};

/** A group's work in the report: the section, and the heading it is the work of. */
export type ReportProps<K extends ArtifactKind = ArtifactKind> = {
  work: Extract<ReportWork, { kind: K }>;
  title: string;
};

/** What an exercise's launch carries beyond its title and kind. */
export type LaunchSettings = {
  template: string | null;
  stages: string[];
  budget: BudgetSettings | null;
};
export const NO_SETTINGS: LaunchSettings = { template: null, stages: [], budget: null };

/**
 * A kind's fields in the console's launch form (kinds/<kind>/Launch.svelte): the form asks
 * them for their settings on submit, and tells them how it went.
 */
export type LaunchFields = {
  /** The settings, or null when a field is wrong (it says what; the form focuses it). */
  read(): LaunchSettings | null;
  /** After the command: `ok`, or refused with the server's reason (`ack`). */
  settle(ok: boolean, ack?: Ack<object>): void;
  /** The title when the facilitator leaves it empty (null: the kind's name). */
  defaultTitle(): string | null;
};

/** A launched exercise's row in the console: what its kind adds (stages, envelope, compare). */
export type ToolsProps = { conn: Connection; session: SessionView; exercise: Exercise };

type Lazy<P extends Record<string, unknown>> = () => Promise<{ default: Component<P> }>;

/**
 * A kind outside its editor: on the projector, in the report and in the console. In a module of
 * its own (kinds/<kind>/parts.ts) of loaders only, loaded by the pages that show them: the
 * co-editing page carries only the editor's.
 */
export interface KindParts<K extends ArtifactKind = ArtifactKind> {
  projected: Lazy<ProjectedProps>;
  /** Every group's work for an exercise: a tile each, or one chart of them all (budgets). */
  tile?: Lazy<TileProps>;
  compare?: Lazy<CompareProps>;
  report: Lazy<ReportProps<K>>;
  /** What the kind adds to the console, if anything. */
  inConsole?: () => Promise<KindConsole>;
}

/**
 * How the pages show an exercise kind: its name, its editor, and (loaded apart) its projected
 * views and report section. Each kind's folder in `$lib/kinds` registers one; the pages ask the
 * registry (index.ts), never a kind's name. Components load when a document of the kind is shown.
 */
export interface KindView<K extends ArtifactKind = ArtifactKind> {
  /** The kind's name in a language (the page's unless one is given). */
  label: (inputs?: object, options?: { locale?: Locale }) => string;
  /** Vignettes and budgets cannot be edited without their exercise (stages, envelope). */
  needsExercise: boolean;
  /** Why a group's work is hidden from other groups. */
  notShared: () => string;
  editor: Lazy<EditorProps>;
  /** What shows while the editor's code loads, when it takes a while (the map's graph library). */
  loading?: () => string;
  parts: () => Promise<KindParts<K>>;
}

/** A kind's parts of the console (kinds/<kind>/console.ts). */
export interface KindConsole {
  /** The launch form's fields for this kind's settings. */
  Launch?: Component<Record<string, never>, LaunchFields>;
  /** Its own checks in the launch form, instead of the browser's (the budget's numbers). */
  ownValidation?: boolean;
  /** The title when the facilitator leaves it empty (otherwise the kind's name). */
  defaultTitle?: () => string;
  /** A launched exercise's tools in its row. */
  Tools?: Component<ToolsProps>;
}
