// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      '**/coverage/**',
      '**/*.config.js',
      'eslint.config.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
      'max-params': ['error', 4],
      // Configuration is read once per process through its zod-validated env.ts.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through env.ts.' },
      ],
    },
  },
  {
    files: [
      '**/env.ts',
      '**/*.test.ts',
      '**/*.test.tsx',
      'scripts/**',
      'bench/**',
      '**/vite.config.ts',
      '**/vitest.config.ts',
      '**/test-support/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: [
      '**/*.test.ts',
      '**/*.test.tsx',
      'bench/**',
      '**/scripts/**',
      '**/test-support/**',
      '**/e2e/**',
    ],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'max-params': 'off',
    },
  },
  // Layer boundaries of backend/src (docs/ARCHITECTURE.md): contracts <- domain <- ports <-
  // engine <- services <- api, adapters implement ports beside the engine, and only the
  // composition (compose/, main.ts, server.ts) knows every adapter. Production code never reaches
  // test kits. Tests may use adapters (a paper venue is the true boundary they run against).
  ...layer('backend/src/domain/**', ['ports', 'engine', 'services', 'api', 'adapters', 'compose']),
  ...layer('backend/src/ports/**', ['engine', 'services', 'api', 'adapters', 'compose']),
  ...layer('backend/src/engine/**', ['services', 'api', 'adapters', 'compose']),
  ...layer('backend/src/adapters/**', ['engine', 'services', 'api', 'compose']),
  ...layer('backend/src/services/**', ['api', 'adapters', 'compose'], {
    // A worker thread's entry is its own composition root: it picks the backtest's adapters.
    except: ['backend/src/services/backtest/backtest-worker.ts'],
  }),
  ...layer('backend/src/api/**', ['adapters', 'compose']),
  ...layer('backend/src/compose/**', []),
  {
    // Benchmarks use the packages' entry points, like any other consumer.
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(backend|shared|platform|client)/',
              message: 'Import the workspace package (its exports map), not its files.',
            },
          ],
        },
      ],
    },
  },
  {
    // Files that fit in a head. Counted without blank lines and comments.
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Tests hold one table of cases per concern; benches one scenario each.
    files: ['**/*.test.ts', '**/*.test.tsx', 'bench/**'],
    rules: { 'max-lines': ['error', { max: 600, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Named exceptions to the size rule, each for a reason:
    // - shared/src/api.ts is the one table of every route's contract (method, path, schemas,
    //   scopes); split by area, a reviewer could no longer see the whole API surface at once.
    files: ['shared/src/api.ts'],
    rules: { 'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }] },
  },
  prettier,
);

/**
 * One layer of backend/src: its files may not import the named sibling layers, nor the test kits.
 * @param {string} files
 * @param {string[]} forbidden
 * @param {{ except?: string[] }} [o]
 */
function layer(files, forbidden, o = {}) {
  const dirs = [...forbidden, 'test-support', 'testing'];
  return [
    {
      files: [files],
      ignores: ['**/*.test.ts', ...(o.except ?? [])],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./)+(${dirs.join('|')})/`,
                message: `${files.split('/')[2]} may not import ${dirs.join(', ')} (layer boundaries, docs/ARCHITECTURE.md).`,
              },
            ],
          },
        ],
      },
    },
  ];
}
