import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: 'Not allowed' }

// Rendered with status 403 wherever a server component calls forbidden() (the admin console for
// a signed-in user who is not an administrator).
export default function Forbidden() {
  return (
    <main className="page">
      <p className="muted">Error 403</p>
      <h1>You are not allowed to see this page</h1>
      <p>
        The admin console is for administrators. You are signed in with an account that is not one; ask an administrator to give you the
        admin role if you need it.
      </p>
      <div className="actions">
        <Link href="/pass" className="button">
          My door pass
        </Link>
        <Link href="/" className="button secondary">
          QR Door home
        </Link>
      </div>
    </main>
  )
}
