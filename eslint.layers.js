// The layer arrows of DESIGN.md §3 as lint rules: each folder names the folders it must not import from. Imports
// point down only: transports (electron/, server/, cli/) → api/ → engine/, export/, providers/ → store/, inputs/,
// secrets/ → analysis/, core/ → shared/. The CLI is a face like the UI: it reaches the engine only through api/.
// test/unit/lint/layers.test.ts proves that each rule fails a wrong import.

const MAIN = ['cli', 'server', 'electron', 'api', 'engine', 'export', 'providers', 'inputs', 'store', 'secrets', 'analysis', 'core'];

/** folder (under src/main unless it says otherwise) → the folders below src/main it may not import. */
const FORBIDDEN = {
  cli: ['engine', 'store', 'providers', 'inputs', 'export', 'core', 'secrets', 'electron'],
  server: ['engine', 'store', 'providers', 'inputs', 'export', 'core', 'secrets', 'cli', 'electron'],
  electron: ['engine', 'store', 'providers', 'inputs', 'export', 'core', 'secrets', 'cli', 'server'],
  api: ['cli', 'server', 'electron'],
  engine: ['api', 'cli', 'server', 'electron', 'export'],
  export: ['api', 'cli', 'server', 'electron', 'engine', 'providers', 'inputs', 'secrets'],
  providers: ['api', 'cli', 'server', 'electron', 'engine', 'export'],
  inputs: ['api', 'cli', 'server', 'electron', 'engine', 'export', 'providers', 'store', 'secrets'],
  store: ['api', 'cli', 'server', 'electron', 'engine', 'export', 'providers', 'inputs', 'secrets'],
  secrets: ['api', 'cli', 'server', 'electron', 'engine', 'export', 'providers', 'inputs', 'store'],
  core: ['api', 'cli', 'server', 'electron', 'engine', 'export', 'providers', 'inputs', 'store', 'secrets', 'analysis'],
  // Pure statistics (agreement, bootstrap): like core, it reads nothing and imports only core.
  analysis: ['api', 'cli', 'server', 'electron', 'engine', 'export', 'providers', 'inputs', 'store', 'secrets'],
};

const ELECTRON = { name: 'electron', message: 'Only src/main/electron and src/preload may import electron (DESIGN.md §3).' };
const NODE_ONLY = { regex: '^node:', message: 'src/shared and the renderer run where Node does not: no node: imports (DESIGN.md §3).' };

function restricted(folders, where) {
  return folders.map((folder) => ({
    regex: `(^|/)main/${folder}/|^(\\.\\./)+${folder}/`,
    message: `${where} must not import from src/main/${folder}/ (DESIGN.md §3: imports point down only${where === 'src/main/cli' ? '; the CLI goes through src/main/api' : ''}).`,
  }));
}

export const layerRules = [
  ...Object.entries(FORBIDDEN).map(([folder, forbidden]) => ({
    files: [`src/main/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { paths: folder === 'electron' ? [] : [ELECTRON], patterns: restricted(forbidden, `src/main/${folder}`) }],
    },
  })),
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON], patterns: [NODE_ONLY, ...restricted(MAIN, 'src/shared'), { regex: '(^|/)(renderer|preload)/', message: 'src/shared is imported by everyone and imports no one (DESIGN.md §3).' }] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON], patterns: [NODE_ONLY, { regex: '(^|/)(main|preload)/', message: 'The renderer talks only to the contract in src/shared (DESIGN.md §3).' }] }] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)(main|renderer)/', message: 'The preload exposes the contract in src/shared and nothing else (DESIGN.md §3).' }] }] },
  },
  {
    files: ['src/main/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON] }] },
  },
];
