// Requests served by another path's handler. Seed 004's clients POST / to make a code while the
// home page owns GET /: both proxy.ts (for `next dev` and Next's own routing) and the production
// dispatcher (lib/dispatch) read this table.
export const rewrites = [{ method: 'POST', path: '/', to: '/api/seed004/generate' }] as const
