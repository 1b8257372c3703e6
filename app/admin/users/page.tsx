import type { Metadata } from 'next'
import { requireAdmin } from '@/app/admin/_lib/require-admin'
import { UsersAdmin } from '@/components/admin/users/UsersAdmin'

export const metadata: Metadata = { title: 'Users' }

export default async function UsersPage() {
  const admin = await requireAdmin()
  return (
    <>
      <h1>Users</h1>
      <p className="muted">People who sign in with a one-time code and hold a door pass.</p>
      <UsersAdmin selfId={admin.id} />
    </>
  )
}
