import type { Metadata } from 'next'
import { requireAdmin } from '@/app/admin/_lib/require-admin'
import { WebhooksAdmin } from '@/components/admin/webhooks/WebhooksAdmin'

export const metadata: Metadata = { title: 'Webhooks' }

export default async function WebhooksPage() {
  await requireAdmin()
  return (
    <>
      <h1>Webhooks</h1>
      <p className="muted">
        Other systems hear what happens at the doors: QR Door POSTs each event to the endpoints that want it, and keeps trying until they
        answer.
      </p>
      <WebhooksAdmin />
    </>
  )
}
