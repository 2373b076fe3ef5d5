import { ARTIFACT_KINDS, type ArtifactKind, type Locale } from '@plenary/shared';
import { actionPlanView } from './action-plan';
import { budgetView } from './budget';
import { checklistView } from './checklist';
import type { KindConsole, KindView } from './kind-view';
import { mapView } from './map';
import { practiceView } from './practice';
import { vignetteView } from './vignette';

export type * from './kind-view';
export { NO_SETTINGS } from './kind-view';

/**
 * How the pages show each exercise kind (its name, editor, projected views, report section).
 * A new kind is a folder beside these, with its `index.ts`, and one line here; the shared
 * package's `kinds` folder holds its document and report (see ARCHITECTURE.md).
 */
const KINDS: { [K in ArtifactKind]: KindView<K> } = {
  checklist: checklistView,
  'action-plan': actionPlanView,
  vignette: vignetteView,
  map: mapView,
  budget: budgetView,
  practice: practiceView,
};

/**
 * Loads once: the same promise each time, already settled after the first. A block that awaits
 * it again (its row's exercise changed) keeps what it shows instead of flashing its pending state
 * and starting its component over. A failed load (the network) is tried again next time.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (!loading) {
      loading = load();
      loading.catch(() => (loading = undefined));
    }
    return loading;
  };
}

const KIND_VIEWS = Object.fromEntries(
  Object.entries(KINDS as Record<ArtifactKind, KindView>).map(([kind, view]) => [
    kind,
    {
      ...view,
      editor: once(view.editor),
      parts: once(view.parts),
    },
  ]),
) as unknown as typeof KINDS;

/** Is this a kind this version knows (a stored kind may be a newer server's)? */
export const isKnownKind = (kind: string): kind is ArtifactKind =>
  (ARTIFACT_KINDS as readonly string[]).includes(kind);

/** The pages' view of a kind; one view for every kind, whatever its work's type. */
export const kindView = (kind: ArtifactKind): KindView => KIND_VIEWS[kind] as unknown as KindView;

/** A kind's name, in the page's language or the one given (a bilingual projector's second). */
export const artifactKindLabel = (kind: ArtifactKind, locale?: Locale): string =>
  kindView(kind).label({}, locale ? { locale } : {});

const consoles = Object.fromEntries(
  ARTIFACT_KINDS.map((kind) => [
    kind,
    once(() =>
      kindView(kind)
        .parts()
        .then((p) => p.inConsole?.()),
    ),
  ]),
) as Record<ArtifactKind, () => Promise<KindConsole | undefined>>;
/** A kind's part of the console, if it has one (the same promise for every row of the kind). */
export const consoleOf = (kind: ArtifactKind): Promise<KindConsole | undefined> => consoles[kind]();
