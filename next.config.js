// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pg', 'twilio', 'nodemailer'],
  poweredByHeader: false,
  // forbidden() and app/forbidden.tsx: the admin console answers signed-in non-admins with a real 403.
  experimental: { authInterrupts: true },
  // The build's own type check runs in `npm run typecheck`/tests; keep `next build` lean on 2 cores.
  typescript: { ignoreBuildErrors: false },
}

module.exports = nextConfig
