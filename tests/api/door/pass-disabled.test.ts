// Disabling a person ends their sessions; their pass page, still open, learns it at its next poll
// of GET /api/pass and must say "pass disabled" (issue 12, item 12), not send them to sign in.
import { describe, expect, it } from 'vitest'
import { GET as pass } from '@/app/api/pass/route'
import { revokeUserSessions } from '@/lib/auth/sessions'
import { db } from '@/lib/db'
import { updateUser } from '@/lib/users/update-user'
import { call, createPassUser, noCredentials, params, sessionCredentials } from './fixtures'

const none = params({})

describe('GET /api/pass for a pass disabled while it is open', () => {
  it('answers 403 "This pass is disabled" to the session the disabling ended, and 401 as before otherwise', async () => {
    const user = await createPassUser({ name: 'Soon Off' })
    const session = await sessionCredentials(user.id)
    expect((await pass(call('/api/pass', session), none)).status).toBe(200)

    await updateUser({ db, now: new Date(), userId: user.id, patch: { disabled: true } })
    const response = await pass(call('/api/pass', session), none)
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ error: { code: 'forbidden', message: 'This pass is disabled. Ask an administrator.' } })

    // Only that: a signed-out session of an enabled person, no session, or a made-up one are 401s.
    const other = await createPassUser()
    const signedOut = await sessionCredentials(other.id)
    await revokeUserSessions({ db, userId: other.id, now: new Date() })
    expect((await pass(call('/api/pass', signedOut), none)).status).toBe(401)
    expect((await pass(call('/api/pass', noCredentials), none)).status).toBe(401)
    expect((await pass(call('/api/pass', { cookie: 'qrdoor_session=qrd_session_nothing-like-it' }), none)).status).toBe(401)
  })
})
