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
  resolve: { alias: { '@': root } },
  test: {
    environment: 'node',
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'] } },
      apiProject('api-sqlite', 'sqlite'),
      ...(process.env.TEST_POSTGRES_URL ? [apiProject('api-postgres', 'postgres')] : []),
    ],
  },
})
