// ESLint: typescript-eslint's recommended rules and Next's; the layer rules live in
// .dependency-cruiser.cjs and the formatting in .prettierrc.json (both run by `npm run lint`).
import tseslint from 'typescript-eslint';
import nextPlugin from '@next/eslint-plugin-next';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.next/',
      'data/',
      '.tmp/',
      'test-results/',
      'playwright-report/',
      'next-env.d.ts',
      'db/migrations/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { '@next/next': nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The public page is served from pre-rendered bytes, not through next/link navigation.
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  {
    // Roles are checked and audit rows written by the use cases only (ARCHITECTURE.md, layer 3).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/services/**', '**/*.test.ts', 'test/**', 'e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services/context'],
              importNames: ['requireRole'],
              message: 'Check roles inside a service (lib/services).',
            },
            {
              group: ['**/services/audit/write'],
              importNames: ['writeAudit'],
              message: 'Write audit rows inside a service (lib/services).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
