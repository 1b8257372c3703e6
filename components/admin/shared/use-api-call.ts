'use client'

// A request started by the admin (a form, a row action): busy while it runs, its failure kept for
// the alert and the hints under the inputs.
import { useCallback, useState } from 'react'
import type { ApiFailure, ApiResult } from '@/components/api-client'

export function useApiCall() {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<ApiFailure | null>(null)
  const run = useCallback(async <T>(call: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> => {
    setBusy(true)
    setFailure(null)
    const result = await call()
    setBusy(false)
    if (!result.ok) setFailure(result)
    return result
  }, [])
  return { busy, failure, setFailure, run }
}

/**
 * Confirm, then act: what waits for confirmation (a row, or a row and what to do with it) opens its
 * dialog; the action closes it on success, and on failure its error stays in the dialog.
 */
export function usePendingAction<P>() {
  const [pending, setPending] = useState<P | null>(null)
  const { busy, failure, setFailure, run } = useApiCall()
  const close = () => setPending(null)
  return {
    pending,
    busy,
    failure,
    close,
    /** For each ConfirmDialog of these actions: `<ConfirmDialog {...actions.dialog} …>`. */
    dialog: { busy, error: failure?.message ?? null, onClose: close },
    open(next: P) {
      setFailure(null)
      setPending(next)
    },
    async act<T>(call: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
      const result = await run(call)
      if (result.ok) setPending(null)
      return result
    },
  }
}
