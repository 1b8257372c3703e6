import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { currentUser } from '@/app/_lib/current-user'
import { PassView } from '@/components/pass/PassView'
import { SignOutButton } from '@/components/SignOutButton'

export const metadata: Metadata = { title: 'My door pass' }

export default async function PassPage() {
  const user = await currentUser()
  if (!user) redirect('/login')
  return (
    <div className="pass-screen">
      <header className="topbar">
        <span>
          Signed in as <strong>{user.name || user.email || user.phone}</strong>
        </span>
        <span className="topbar-links">
          {user.role === 'admin' && <Link href="/admin">Admin</Link>}
          <SignOutButton />
        </span>
      </header>
      <main className="pass-main">
        <h1 className="visually-hidden">My door pass</h1>
        <PassView />
      </main>
    </div>
  )
}
