import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Layering (docs/adr/0001-layering.md): the pure packages never reach sockets, React, WebRTC
// glue, wall-clock time or global randomness; those are injected.
const PURE_RESTRICTED_IMPORTS = {
  patterns: [
    {
      group: ['react', 'react-*', 'socket.io*', 'simple-peer', '@thaunknown/*'],
      message: 'Pure packages take a Transport/Clock instead.',
    },
    {
      group: ['@swarmdrop/webrtc', '@swarmdrop/web', '@swarmdrop/tracker', '@swarmdrop/storage'],
      message: 'Dependencies point inwards: protocol <- engine <- webrtc/storage <- web.',
    },
    { group: ['node:*'], message: 'Pure packages run in browsers too.' },
  ],
}
const PURE_RESTRICTED_PROPERTIES = [
  { object: 'Date', property: 'now', message: 'Use the injected Clock.' },
  { object: 'Math', property: 'random', message: 'Use the injected Random.' },
]

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'playwright-report/**',
      'test-results/**',
      'stubs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-throw-literal': 'error',
      'sort-imports': ['error', { ignoreDeclarationSort: true }],
    },
  },
  {
    files: ['packages/protocol/src/**/*.ts', 'packages/engine/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', PURE_RESTRICTED_IMPORTS],
      'no-restricted-properties': ['error', ...PURE_RESTRICTED_PROPERTIES],
      'no-restricted-globals': [
        'error',
        'setTimeout',
        'setInterval',
        'window',
        'document',
        'crypto',
        'console',
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
)
