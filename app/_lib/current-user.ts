// The signed-in user for server-rendered pages (API handlers read the cookie from the Request).
import { cookies } from 'next/headers'
import { findSessionUser, SESSION_COOKIE } from '@/lib/auth/sessions'
import { db } from '@/lib/db'

export async function currentUser() {
  const token = (await cookies()).get(SESSION_COOKIE)?.value
  if (!token) return null
  const found = await findSessionUser({ db, token, now: new Date() })
  return found?.user ?? null
}
