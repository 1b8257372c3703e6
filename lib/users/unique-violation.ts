// The SQLite and PostgreSQL clients are generated separately, so their error classes differ and
// `instanceof` would only recognise one: match Prisma's error code instead.
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}
