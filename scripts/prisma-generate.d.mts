export function toPostgresSchema(sqliteSchema: string): string
export function writePostgresSchema(): void
