// ESLint (flat config): Next.js's rules (core web vitals, TypeScript), and the boundaries of STYLE.md as errors, so
// that the layers stay apart without anyone remembering them.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';

/** An import ban: these module patterns may not be imported from the files of the block, with the reason. */
const banned = (message, ...group) => ({ group, message });
const SERVER = [
  '@/lib/server',
  '@/lib/server/**',
  '**/server/**',
  '@/lib/db/**',
  '**/lib/db/**',
  '../db/**',
  '@/lib/generated/**',
  '**/generated/**',
];
const APP = ['@/app/**', '**/app/**'];
const COMPONENTS = ['@/components/**', '**/components/**'];
const FRAMEWORK = ['next', 'next/*', 'react', 'react-dom', 'react/*', 'pg', '@prisma/*', 'next-auth', 'next-auth/*'];

// Configuration is read once, checked, in lib/env.ts, and passed in: nothing writes process.env.
const NO_ENV_WRITES = {
  selector: "AssignmentExpression[left.object.object.name='process'][left.object.property.name='env']",
  message: 'Configuration is read once in lib/env.ts and passed in: do not write process.env.',
};
// Rows come back typed from the database's schema (README, "Typed SQL"): queries that return rows use Kysely's db().
const NO_RAW_QUERIES = {
  selector: 'MemberExpression[property.name=/^\\$queryRaw/]',
  message: 'Rows are typed from the schema: write the query with db() from lib/server/sql.ts (Kysely), not $queryRaw.',
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.data/**', 'lib/generated/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    rules: {
      'no-restricted-syntax': ['error', NO_ENV_WRITES, NO_RAW_QUERIES],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The two places a raw query is the mechanism itself: the Kysely driver, and the export cursor's FETCH.
    files: ['lib/server/sql.ts', 'lib/server/export.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_ENV_WRITES] },
  },
  {
    // Playwright's fixtures call `use`, which is not React's hook.
    files: ['tests/e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // The test harness starts each test file's process with its own database, before any configuration is read.
    files: ['tests/integration/worker-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Pure domain code: the timing rules, KPIs, periods, calendar; and the pure helpers next to them.
    files: ['lib/kpi/**', 'lib/calendar/**', 'lib/units/**', 'lib/views/**', 'lib/auth/**', 'lib/http/**', 'lib/format.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banned('Pure code (STYLE.md): no database, no server code.', ...SERVER),
            banned('Pure code (STYLE.md): data flows app → lib/server → lib/kpi, never back.', ...APP, ...COMPONENTS),
          ],
        },
      ],
    },
  },
  {
    files: ['lib/kpi/**', 'lib/calendar/**', 'lib/units/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banned('lib/kpi, lib/calendar and lib/units are pure (STYLE.md): no database, no server code.', ...SERVER),
            banned(
              'lib/kpi, lib/calendar and lib/units are pure (STYLE.md): data flows app → lib/server → lib/kpi, never back.',
              ...APP,
              ...COMPONENTS,
            ),
            banned('lib/kpi, lib/calendar and lib/units import no framework.', ...FRAMEWORK),
          ],
        },
      ],
    },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            banned(
              'Components take plain props (STYLE.md): load data in the page or in a loader beside it (app/(dashboard)/_loaders).',
              ...SERVER,
            ),
            banned('Components do not import routes.', ...APP),
          ],
        },
      ],
    },
  },
  {
    files: ['lib/import/**', 'lib/export/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [banned('Parsing and formats import no route and no component.', ...APP, ...COMPONENTS)] },
      ],
    },
  },
]);
