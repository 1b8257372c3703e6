import type { Metadata } from 'next'
import { requireAdmin } from '@/app/admin/_lib/require-admin'
import { GroupsAdmin } from '@/components/admin/groups/GroupsAdmin'

export const metadata: Metadata = { title: 'Groups' }

export default async function GroupsPage() {
  await requireAdmin()
  return (
    <>
      <h1>Groups</h1>
      <p className="muted">Who may open which doors, and when. People and guests open the doors of all their groups.</p>
      <GroupsAdmin />
    </>
  )
}
