import type { Metadata } from 'next'
import { requireAdmin } from '@/app/admin/_lib/require-admin'
import { ApiKeysAdmin } from '@/components/admin/api-keys/ApiKeysAdmin'

export const metadata: Metadata = { title: 'API keys' }

export default async function ApiKeysPage() {
  await requireAdmin()
  return (
    <>
      <h1>API keys</h1>
      <p className="muted">Keys for backends that call QR Door&apos;s APIs. Only their first characters are kept readable.</p>
      <ApiKeysAdmin />
    </>
  )
}
