// GET /api/auth/session — who is signed in on this browser.
import { doorRateLimits } from '@/lib/door/rate-limit-rules'
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'

export const GET = route({ style: 'app', allow: ['user'], rateLimit: doorRateLimits.poll }, ({ caller }) =>
  json({ user: { id: caller.userId, name: caller.name, role: caller.role } }),
)
