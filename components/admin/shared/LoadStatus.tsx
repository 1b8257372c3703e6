import type { ReactNode } from 'react'

/**
 * While a list or chart loads: a status line; when loading failed: the message and a way to try
 * again. Renders nothing once the data is there.
 */
export function LoadStatus(props: {
  state: { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready' }
  /** "Loading users…" */
  loading: string
  /** "Could not load the users": the failure's message follows. */
  failed: string
  onRetry: () => void
  retryClassName?: string
}) {
  const { state } = props
  if (state.kind === 'loading') return <p role="status">{props.loading}</p>
  if (state.kind === 'error') {
    return (
      <div role="alert">
        <p className="error">
          {props.failed}: {state.message}
        </p>
        <button type="button" className={props.retryClassName} onClick={props.onRetry}>
          Try again
        </button>
      </div>
    )
  }
  return null
}

/** What the last action did, read out by screen readers; hidden while empty. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="admin-notice" aria-live="polite">
      {children}
    </p>
  )
}

/** A failed request's message (an ApiFailure or a thrown ApiRequestError), announced; nothing while there is no failure. */
export function FailureAlert({ failure }: { failure: { message: string } | null | undefined }) {
  if (!failure) return null
  return (
    <p className="error" role="alert">
      {failure.message}
    </p>
  )
}
