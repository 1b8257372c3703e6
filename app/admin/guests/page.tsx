import type { Metadata } from 'next'
import { requireAdmin } from '@/app/admin/_lib/require-admin'
import { GuestsAdmin } from '@/components/admin/guests/GuestsAdmin'

export const metadata: Metadata = { title: 'Guests' }

export default async function GuestsPage() {
  await requireAdmin()
  return (
    <>
      <h1>Guests</h1>
      <p className="muted">Passes for visitors without an account: a link that shows a door QR code for a limited time.</p>
      <GuestsAdmin />
    </>
  )
}
