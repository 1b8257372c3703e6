// Database errors the code answers instead of passing on. The SQLite and PostgreSQL clients are
// generated separately, so their error classes differ and `instanceof` would only recognise one:
// Prisma's error code is the same through both driver adapters.
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}
