// ESLint for the whole workspace. Formatting belongs to Prettier (see .prettierrc.json);
// this file carries correctness rules and the architectural boundaries (STYLE.md item 10).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

// Browser APIs that exist only in secure contexts (https or localhost). A laptop serving the
// venue's Wi-Fi over plain http is not one: there they are undefined and every use throws.
const SECURE_CONTEXT_ONLY = [
  "[property.name='randomUUID']",
  "[property.name='subtle']",
  "[property.name='clipboard']",
  "[property.name='serviceWorker']",
  "[property.name='share'][object.name='navigator']",
  "[property.name='share'][object.property.name='navigator']",
];
const NEEDS_SECURE_CONTEXT =
  'Needs a secure context (https or localhost); a venue laptop serves plain http. ' +
  'Use $lib/ids (getRandomValues) or $lib/clipboard (with its fallback).';

const CLIENT_MUST_NOT_IMPORT_SERVER = 'Do not import server code from the client.';
const DOMAIN_DOES_NO_IO =
  'The domain does no I/O: keep transport, storage and Node APIs in server/.';

/** Node built-ins by bare name (`fs`, `fs/promises`, `path`, …); `node:*` is a pattern below. */
const DOMAIN_READS_NO_DOCUMENT =
  'The domain and the report sections work on plain data: no Yjs, no document readers ' +
  '(kinds/*/document.ts, kinds/documents.ts) and no wire protocol (types alone may be imported).';
const SERVER_IMPORTS_DOWNWARD =
  'Server folders import downward only: http -> realtime -> coediting -> store, and the ' +
  'utilities (bus, log, secrets, throttle, origin, limits, config) import no folder.';

/** Server layers from the top; each may import those after it, never those before. */
const SERVER_LAYERS = ['http', 'realtime', 'coediting', 'store'];
const COMPOSITION = ['app', 'main', 'cluster', 'index'];
/** What the files of a server folder may not import: the folders above it and the composition. */
const serverLayerRule = (layer) => {
  const above = SERVER_LAYERS.slice(0, SERVER_LAYERS.indexOf(layer));
  return {
    name: `plenary/boundary-server-${layer}`,
    files: [`server/src/${layer}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...above.map((folder) => `../${folder}/*`),
                ...COMPOSITION.map((file) => `../${file}.js`),
                ...(layer === 'store' ? ['../workshops.js'] : []),
              ],
              message: SERVER_IMPORTS_DOWNWARD,
            },
          ],
        },
      ],
    },
  };
};

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_') && !name.includes(':'));
const ioLibraries = ['socket.io', 'socket.io-client', 'express', 'lowdb', 'ws'];

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/build/',
    'web/.svelte-kit/',
    // Compiled from web/messages by Paraglide (web/i18n-build.js).
    'web/src/lib/paraglide/',
    'web/src/lib/paraglide-locales/',
    '**/test-results/',
    '**/playwright-report/',
    'tests/artifacts/',
    'data/',
    '**/.snap-*/',
  ]),

  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  prettier,
  svelte.configs.prettier,

  {
    name: 'plenary/defaults',
    languageOptions: {
      parserOptions: {
        // Kept identical for TypeScript and Svelte files: the TS parser is a singleton.
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'svelte/no-at-html-tags': 'error',
      // `let { w, id } = f()` where only w changes is clearer than splitting the destructuring.
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },

  {
    name: 'plenary/svelte-typescript',
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        parser: ts.parser,
        svelteConfig,
      },
    },
    rules: {
      // `let { x } = $props()` is the Svelte 5 idiom; svelte/prefer-const knows runes.
      'prefer-const': 'off',
      'svelte/prefer-const': 'error',
    },
  },

  // Where code runs decides which globals exist.
  {
    name: 'plenary/globals-node',
    files: [
      '*.{js,mjs,cjs,ts}',
      'scripts/**',
      'server/**',
      'tests/**',
      'web/*.{js,mjs,cjs,ts}',
      'web/src/**/*.server.{js,ts}',
      'web/src/lib/server/**',
      'web/src/hooks.server.{js,ts}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'plenary/globals-browser',
    files: ['web/src/**'],
    ignores: ['web/src/**/*.server.{js,ts}', 'web/src/lib/server/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    name: 'plenary/globals-shared',
    files: ['shared/**'],
    languageOptions: { globals: globals['shared-node-browser'] },
  },

  // Boundaries.
  {
    name: 'plenary/boundary-web',
    files: ['web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@plenary/server', message: CLIENT_MUST_NOT_IMPORT_SERVER }],
          patterns: [
            { group: ['@plenary/server/*'], message: CLIENT_MUST_NOT_IMPORT_SERVER },
            { regex: '(^|/)server/src(/|$)', message: CLIENT_MUST_NOT_IMPORT_SERVER },
          ],
        },
      ],
    },
  },
  {
    name: 'plenary/secure-context-apis',
    files: ['web/src/**', 'shared/src/**'],
    ignores: ['web/src/lib/clipboard.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...SECURE_CONTEXT_ONLY.map((match) => ({
          selector: `MemberExpression${match}`,
          message: NEEDS_SECURE_CONTEXT,
        })),
      ],
    },
  },
  // The domain and the report sections (pure) read no co-edited document and speak no wire.
  {
    name: 'plenary/boundary-domain-documents',
    files: ['shared/src/domain/**', 'shared/src/kinds/*/report.ts', 'shared/src/kinds/reports.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['yjs', 'y-protocols', 'lib0'].map((name) => ({
            name,
            message: DOMAIN_READS_NO_DOCUMENT,
            allowTypeImports: true,
          })),
          patterns: [
            {
              group: [
                'y-protocols/*',
                'lib0/*',
                '**/protocol.js',
                '**/kinds/documents.js',
                '**/kinds/index.js',
                '**/kinds/*/document.js',
                '**/kinds/*/index.js',
                // From a kind's report.ts: its own document half and the documents' table.
                './document.js',
                './index.js',
                '../*/document.js',
                '../documents.js',
                '../index.js',
                '@plenary/shared/kinds',
                '@plenary/shared/docs',
              ],
              message: DOMAIN_READS_NO_DOCUMENT,
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  ...SERVER_LAYERS.map(serverLayerRule),
  {
    name: 'plenary/boundary-server-utilities',
    files: ['server/src/{bus,log,secrets,throttle,origin,limits,config}.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...SERVER_LAYERS.map((folder) => `./${folder}/*`), './workshops.js'],
              message: SERVER_IMPORTS_DOWNWARD,
            },
          ],
        },
      ],
    },
  },
  {
    name: 'plenary/boundary-domain',
    files: ['shared/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...ioLibraries, ...nodeBuiltins].map((name) => ({
            name,
            message: DOMAIN_DOES_NO_IO,
          })),
          patterns: [
            {
              group: ['node:*', ...ioLibraries.map((name) => `${name}/*`)],
              message: DOMAIN_DOES_NO_IO,
            },
          ],
        },
      ],
    },
  },
);
