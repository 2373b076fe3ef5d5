// Paraglide at build time: messages/<locale>.json compiled into typed message functions, and
// the Vite plugin that makes a browser download only its own language.
//
// Paraglide's message modules hold every language of a message, and its experimental locale
// splitting needs a page without client-side navigation. So the project is compiled twice:
//  - src/lib/paraglide: one module per message (what components import as `m`), tree-shaken;
//  - src/lib/paraglide-locales: one module per language (every message of that language).
// The Vite plugin rewrites each message module to keep only the English function and to look the
// other languages up in the dictionary that $lib/i18n/messages.svelte.ts imported for the chosen
// language. An English page carries only the English text it uses; a Thai one adds th.js.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProject, writeOutput } from '@inlang/paraglide-js';
import { loadProjectFromDirectory } from '@inlang/sdk';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.join(here, 'project.inlang');
const messagesDir = path.join(here, 'messages');
/** @type {Record<'message-modules' | 'locale-modules', string>} */
const outputs = {
  'message-modules': path.join(here, 'src/lib/paraglide'),
  'locale-modules': path.join(here, 'src/lib/paraglide-locales'),
};

/** Compiles messages/*.json into both outputs; skipped when no message file changed since. */
export async function compileMessages({ force = false } = {}) {
  if (!force && upToDate()) return;
  const loaded = await loadProjectFromDirectory({ path: project, fs });
  try {
    const errors = await loaded.errors.get();
    if (errors.length > 0) throw new Error(`inlang project: ${errors.map(String).join('; ')}`);
    for (const outputStructure of /** @type {const} */ (['message-modules', 'locale-modules'])) {
      const directory = outputs[outputStructure];
      const output = await compileProject({
        project: loaded,
        projectPath: project,
        compilerOptions: {
          outputStructure,
          strategy: ['baseLocale'],
          emitReadme: false,
          includeEslintDisableComment: true,
        },
      });
      await writeOutput({ directory, output, cleanDirectory: true, fs: fs.promises });
    }
  } finally {
    await loaded.close();
  }
}

function upToDate() {
  const stamp = (/** @type {string} */ file) =>
    fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
  const built = Math.min(
    ...Object.values(outputs).map((dir) => stamp(path.join(dir, 'messages/_index.js'))),
  );
  const sources = [path.join(project, 'settings.json'), ...messageFiles()];
  return built > 0 && sources.every((file) => stamp(file) < built);
}

/** Every <locale>.json under messages/ (each area of the app may keep its own folder). */
function messageFiles() {
  return fs
    .readdirSync(messagesDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(messagesDir, name));
}

const MESSAGE_MODULE = /[\\/]src[\\/]lib[\\/]paraglide[\\/]messages[\\/](?!_index)[^\\/]+\.js$/;
const LOCALE_MODULE =
  /[\\/]src[\\/]lib[\\/]paraglide-locales[\\/]messages[\\/](?!_index)[^\\/]+\.js$/;
const RUNTIME_IMPORT = /^import \{[^}]*\} from '\.\.\/runtime\.js';$/m;
const DISPATCH = /export const (\w+) = [\s\S]*$/;

/** Every message's id, sorted: a message is its index in this list in the page's code. */
function messageIds() {
  const index = fs.readFileSync(
    path.join(outputs['message-modules'], 'messages/_index.js'),
    'utf8',
  );
  return [...index.matchAll(/export \* from '\.\/(\w+)\.js'/g)]
    .map((match) => match[1] ?? '')
    .sort();
}

/**
 * Rewrites one compiled message module: the English function stays, the export becomes
 * `translated(<index>, en_<id>)`, and the other languages' functions, now unused, are dropped by
 * the bundler. A number rather than the id keeps a hundred ids out of every page.
 * @param {string} code
 * @param {readonly string[]} ids
 */
export function splitMessageModule(code, ids) {
  if (!RUNTIME_IMPORT.test(code) || !DISPATCH.test(code)) {
    throw new Error('paraglide message module changed shape; see web/i18n-build.js');
  }
  return code
    .replace(RUNTIME_IMPORT, "import { translated } from '$lib/i18n/messages.svelte';")
    .replace(DISPATCH, (_, id) => {
      const index = ids.indexOf(id);
      if (index < 0) throw new Error(`message ${id} is not in messages/_index.js`);
      return `export const ${id} = /* @__PURE__ */ translated(${index}, en_${id});\n`;
    });
}

/**
 * A language's module (every message of it) gets a default export: its messages as a list in
 * the same order, which `translated` reads by index.
 * @param {string} code
 * @param {readonly string[]} ids
 */
export function indexLocaleModule(code, ids) {
  const entries = ids.map((id) => (code.includes(`export const ${id} =`) ? id : 'undefined'));
  return `${code}\nexport default [${entries.join(', ')}];\n`;
}

/** @returns {import('vite').Plugin} */
export function plenaryMessages() {
  /** @type {string[]} */
  let ids = [];
  return {
    name: 'plenary:messages',
    enforce: 'pre',
    async buildStart() {
      await compileMessages();
      ids = messageIds();
      for (const file of messageFiles()) this.addWatchFile(file);
    },
    async handleHotUpdate({ file, server }) {
      if (!file.startsWith(messagesDir)) return;
      await compileMessages({ force: true });
      ids = messageIds();
      server.ws.send({ type: 'full-reload' });
    },
    transform(code, id) {
      if (MESSAGE_MODULE.test(id)) return { code: splitMessageModule(code, ids), map: null };
      if (LOCALE_MODULE.test(id)) return { code: indexLocaleModule(code, ids), map: null };
      return null;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await compileMessages({ force: process.argv.includes('--force') });
}
