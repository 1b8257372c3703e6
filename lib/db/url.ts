import { isAbsolute, resolve } from 'node:path'

export type DatabaseTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; connectionString: string; schema: string }

/**
 * Reads DATABASE_URL. SQLite paths are relative to the working directory, as Prisma's CLI reads
 * them; a PostgreSQL `?schema=` parameter selects the schema, as it does for Prisma.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0]!
    return { dialect: 'sqlite', file: isAbsolute(path) ? path : resolve(path) }
  }
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema') ?? 'public'
  parsed.searchParams.delete('schema')
  return { dialect: 'postgres', connectionString: parsed.toString(), schema }
}
