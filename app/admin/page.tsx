import type { Metadata } from 'next'
import { requireAdmin } from '@/app/admin/_lib/require-admin'
import { AccessLog } from '@/components/admin/access-log/AccessLog'
import { parseLogView } from '@/components/admin/access-log/filters'

export const metadata: Metadata = { title: 'Access log' }

export default async function AccessLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin()
  const view = parseLogView(await searchParams)
  return (
    <>
      <h1>Access log</h1>
      <p className="muted">Every scan at every door, newest first. New scans appear as they happen.</p>
      <AccessLog view={view} />
    </>
  )
}
