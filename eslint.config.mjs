// `npm run lint` runs ESLint, then Prettier's check. Layout belongs to Prettier alone, so
// eslint-config-prettier comes last and turns off every rule that would argue with it.
// Type-aware rules are left out: on 2 cores they take a lint from about 9 s to 35–45 s, and
// `tsc --noEmit` already checks the types.
import js from '@eslint/js'
import nextPlugin from '@next/eslint-plugin-next'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig([
  // Built or generated, not written here (as in .gitignore), and Prisma's migrations.
  globalIgnores([
    '.next/',
    '.tmp/',
    'coverage/',
    'data/',
    'e2e/.artifacts/',
    'lib/db/generated/',
    'next-env.d.ts',
    'playwright-report/',
    'prisma/**/migrations/',
    'test-results/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  nextPlugin.configs.recommended,
  nextPlugin.configs['core-web-vitals'],
  // The plain JavaScript files are Node scripts and configs; TypeScript itself checks globals in the rest.
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  {
    rules: {
      // Signing in or out, and an expired session, load the next page in full on purpose: no client
      // state (SWR's cache, a running scanner) may outlive the session it was made for.
      '@next/next/no-location-assign-relative-destination': 'off',
      // Warn only: it also flags a setState that runs after an `await` in a function the effect
      // calls, which is not synchronous (react/react#34905, unfixed in plugin 7.1).
      'react-hooks/set-state-in-effect': 'warn',
    },
  },
  prettier,
])
