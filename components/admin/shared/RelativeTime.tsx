import { formatDateTime, formatRelative } from '@/components/admin/format'

/** "5 minutes ago", with the exact time on hover; a muted "never" when it has not happened. */
export function RelativeTime({ iso }: { iso: string | null }) {
  if (!iso) return <span className="muted">never</span>
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  )
}
