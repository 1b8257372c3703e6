import type { Metadata } from 'next'
import { requireAdmin } from '@/app/admin/_lib/require-admin'
import { KiosksAdmin } from '@/components/admin/kiosks/KiosksAdmin'

export const metadata: Metadata = { title: 'Kiosks' }

export default async function KiosksPage() {
  await requireAdmin()
  return (
    <>
      <h1>Kiosks</h1>
      <p className="muted">The door tablets that scan passes. Each one is paired once with a secret link.</p>
      <KiosksAdmin />
    </>
  )
}
