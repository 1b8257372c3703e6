// GET /api/auth/session — who is signed in on this browser.
import { requireCaller } from '@/lib/auth/authenticate'
import { db } from '@/lib/db'
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'

export const GET = apiHandler('app', async (request) => {
  const caller = await requireCaller({ db, request, now: new Date(), allow: ['user'] })
  if (caller.kind !== 'user') throw new Error('unreachable: only users are allowed')
  return json({ user: { id: caller.userId, name: caller.name, role: caller.role } })
})
