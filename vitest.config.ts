import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

// API tests run once per database: always on SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set.
// Each test file gets its own fresh database (tests/setup/database.ts).
const apiProject = (name: string, dialect: 'sqlite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: ['tests/api/**/*.test.ts'],
    setupFiles: ['tests/setup/database.ts'],
    env: { TEST_DB_DIALECT: dialect },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

export default defineConfig({
  // `server-only` throws unless resolved under React's `react-server` condition, which Next sets and tests do not.
  resolve: { alias: { '@': root, 'server-only': `${root}node_modules/server-only/empty.js` } },
  test: {
    environment: 'node',
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'] } },
      // React components in a simulated DOM (happy-dom: jsdom needs a newer Node than the app's 20).
      {
        extends: true,
        test: {
          name: 'components',
          include: ['components/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['tests/setup/components.ts'],
        },
      },
      apiProject('api-sqlite', 'sqlite'),
      ...(process.env.TEST_POSTGRES_URL ? [apiProject('api-postgres', 'postgres')] : []),
    ],
  },
})
