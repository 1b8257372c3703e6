import type { Metadata } from 'next'
import { requireAdmin } from '@/app/admin/_lib/require-admin'
import { DoorsAdmin } from '@/components/admin/doors/DoorsAdmin'

export const metadata: Metadata = { title: 'Doors' }

export default async function DoorsPage() {
  await requireAdmin()
  return (
    <>
      <h1>Doors</h1>
      <p className="muted">The doors kiosks stand at: their time zones, how long they unlock, and lockdown.</p>
      <DoorsAdmin />
    </>
  )
}
