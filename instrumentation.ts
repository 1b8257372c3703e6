// Runs once when a server instance starts, before the first request: see lib/startup.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { startServer } = await import('./lib/startup')
  await startServer()
}
