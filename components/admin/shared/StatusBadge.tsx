import type { ReactNode } from 'react'

export type Tone = 'ok' | 'bad' | 'neutral'

/** A coloured pill: green for ok, red for bad, grey for neither. */
export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>
}
