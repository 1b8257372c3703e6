// The admin console's gate for server components: signed out → /login, signed in without the admin
// role → 403 (app/forbidden.tsx). The layout and every page call it: Next keeps a layout across
// client-side navigations without running it again, so a page must not rely on its layout alone.
// cache() makes the layout's and the page's calls one session lookup per request.
import { forbidden, redirect } from 'next/navigation'
import { cache } from 'react'
import { currentUser } from '@/app/_lib/current-user'

export const requireAdmin = cache(async () => {
  const user = await currentUser()
  if (!user) redirect('/login')
  if (user.role !== 'admin') forbidden()
  return user
})
