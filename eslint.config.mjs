// @ts-check
// ESLint flat config. Three jobs: keep the layers of the README's Architecture section apart (import
// boundaries), apply typescript-eslint's recommended type-checked rules, and leave formatting to Prettier
// (eslint-config-prettier comes last and switches off every rule Prettier would fight with).
import { builtinModules } from 'node:module';

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/**
 * The layers, as paths relative to the repository root, and what each may import. A path is a folder or
 * a single file; imports are resolved to files first, so `../services` and `../services/index.ts` count
 * the same. Anything not named here (node_modules, JSON data next to a layer's code) is not a layer.
 */
const LAYERS = {
  domain: ['src/domain'],
  services: ['src/services'],
  infrastructure: ['src/infrastructure'],
  cards: ['cards'],
  i18n: ['src/i18n'],
  bot: ['src/bot'],
  dialogs: ['dialogs'],
  http: ['src/http'],
  config: ['src/config.ts', 'src/config'],
  composition: ['src/index.ts', 'src/migrate.ts', 'src/composition'],
  generated: ['src/generated'],
  tooling: ['scripts', 'tests', 'prisma', 'prisma.config.ts'],
};

/**
 * Which layers each layer may import besides itself. The composition root and the tooling are free, so
 * they have no entry. Nothing may import the composition root or the tooling.
 * - infrastructure may use the generated Prisma client (it is the database adapter) and nothing above the
 *   domain; the config types it needs must come in as constructor arguments or domain types.
 * - cards render domain values with the catalogs' texts; the catalogs only know domain types.
 * - src/http serves the web chat's and the dashboard's texts, so it may read the catalogs; it is hosting,
 *   like the composition root and config, so it reads the options config declares for it.
 */
const ALLOWED = {
  domain: [],
  services: ['domain'],
  infrastructure: ['domain', 'generated'],
  cards: ['domain', 'i18n'],
  i18n: ['domain'],
  bot: ['domain', 'services', 'cards', 'i18n', 'dialogs'],
  dialogs: ['domain', 'services', 'cards', 'i18n', 'bot'],
  http: ['domain', 'services', 'infrastructure', 'i18n', 'config'],
  config: ['domain'],
};

/**
 * One `import-x/no-restricted-paths` zone per forbidden layer: a layer's folders may not import from any
 * layer it is not allowed to, without exceptions (a file that needs one belongs in another layer).
 */
function layerZones(layer) {
  const forbidden = Object.keys(LAYERS).filter((other) => other !== layer && !ALLOWED[layer].includes(other));
  return forbidden
    .flatMap((other) => LAYERS[other])
    .map((dir) => ({
      target: LAYERS[layer],
      from: dir,
      except: [],
      message: `${layer} may import only ${['itself', ...ALLOWED[layer]].join(', ')} (README, Architecture).`,
    }));
}

function boundaryRule(layer) {
  return ['error', { basePath: root, zones: layerZones(layer) }];
}

/** Packages that mean I/O, a framework or the database: the domain's ports are plain TypeScript. */
const FRAMEWORK_PACKAGES = [
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'restify',
  'restify-*',
  '@prisma/*',
  'prisma',
  'pg',
  '@electric-sql/*',
  'pglite-prisma-adapter',
  'pdfkit',
  'pino',
  'dotenv',
  'jsonwebtoken',
];
const NODE_BUILTINS = ['node:*', ...builtinModules.filter((name) => !name.startsWith('_'))];

function restrictedPackages(groups, message) {
  return ['error', { patterns: [{ group: groups, message }] }];
}

const domainPackages = restrictedPackages(
  [...FRAMEWORK_PACKAGES, ...NODE_BUILTINS],
  'The domain is plain TypeScript: no framework, database or Node I/O (README, Architecture).',
);
const servicePackages = restrictedPackages(
  FRAMEWORK_PACKAGES,
  'Services depend on the domain and its ports only; frameworks and databases live in infrastructure.',
);

const globsOf = (layer) => LAYERS[layer].map((dir) => (dir.endsWith('.ts') ? dir : `${dir}/**/*.ts`));

export default defineConfig(
  {
    ignores: ['dist/', 'coverage/', 'src/generated/', 'deploy/teams/build/', 'test-results/', '.data/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,

  // TypeScript: recommended type-checked rules with the type information of tsconfig.json.
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['prisma.config.ts'] },
        tsconfigRootDir: root,
      },
    },
    rules: {
      // tsc's noUnusedParameters already accepts a leading underscore as "unused on purpose"; same here.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // The layers.
  {
    files: ['src/**/*.ts', 'cards/**/*.ts', 'dialogs/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
  },
  ...Object.keys(ALLOWED).map((layer) => ({
    files: globsOf(layer),
    rules: { 'import-x/no-restricted-paths': boundaryRule(layer) },
  })),
  { files: globsOf('domain'), rules: { 'no-restricted-imports': domainPackages } },
  { files: globsOf('services'), rules: { 'no-restricted-imports': servicePackages } },

  // restify route handlers: an async handler is finished when its promise settles, a plain one must call
  // next(). Our handlers are async on purpose even when they do not await, so they never need next().
  { files: ['src/http/**/*.ts'], rules: { '@typescript-eslint/require-await': 'off' } },

  // Plain JavaScript: config files and scripts run by Node (CommonJS), the browser pages' scripts.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['jest.config.js', 'scripts/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['eslint.config.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The chat page and the embed snippet are served as they are and promise ES2017 (no build step), so the
    // parser holds them to it; ES2017 has no optional catch binding, hence unused `catch (e)` is fine.
    files: ['src/http/public/*.js'],
    languageOptions: {
      ecmaVersion: 2017,
      sourceType: 'script',
      globals: globals.browser,
    },
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['src/http/public/dashboard/**/*.js', 'src/http/public/download/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },

  prettier,
);
