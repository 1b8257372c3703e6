import type { Metadata } from 'next'
import { requireAdmin } from '@/app/admin/_lib/require-admin'
import { Outbox } from '@/components/admin/outbox/Outbox'

export const metadata: Metadata = { title: 'Outbox' }

export default async function OutboxPage() {
  await requireAdmin()
  return (
    <>
      <h1>Outbox</h1>
      <p className="muted">Every e-mail and SMS the app sent or tried to send, with the provider&apos;s answer.</p>
      <Outbox />
    </>
  )
}
