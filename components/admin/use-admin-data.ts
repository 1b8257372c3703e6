'use client'

// Loading one admin API resource for a page: loading / error / ready, and a reload after changes.
// An expired session sends the admin to the sign-in page instead of showing a dead console.
import { useCallback, useEffect, useState } from 'react'
import { requestJson, type ApiFailure, type ApiResult } from '@/components/api-client'

export type Loadable<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: T }

export function signInAgainIfExpired(failure: ApiFailure) {
  if (failure.status === 401) window.location.assign('/login')
}

/** An expired session (401) sends the admin to sign in; the result passes through. */
function signingInAgain<T>(request: Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  return request.then((result) => {
    if (!result.ok) signInAgainIfExpired(result)
    return result
  })
}

/** A GET from the console, never answered from the browser's cache. */
export function getJson<T>(url: string): Promise<ApiResult<T>> {
  return signingInAgain(requestJson<T>(url, { cache: 'no-store' }))
}

export function useAdminData<T>(url: string) {
  const [state, setState] = useState<Loadable<T>>({ kind: 'loading' })
  const load = useCallback(async () => {
    const result = await getJson<T>(url)
    if (result.ok) {
      setState({ kind: 'ready', data: result.data })
    } else {
      setState((previous) => (previous.kind === 'ready' ? previous : { kind: 'error', message: result.message }))
    }
    return result
  }, [url])
  useEffect(() => {
    void load()
  }, [load])
  return { state, reload: load }
}

/** A PATCH, POST or DELETE from the console; the browser adds the same-origin Origin header. */
export function sendJson<T>(url: string, method: 'POST' | 'PATCH' | 'DELETE', body?: unknown): Promise<ApiResult<T>> {
  return signingInAgain(requestJson<T>(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }))
}

/** A form's own check, shown like the API's answer: the message by the field and in the alert. */
export function localFailure(field: string, message: string): ApiFailure {
  return { ok: false, status: 0, message, issues: [{ path: field, message }] }
}

/** Schema messages by field name (`email`, `phone`…), for the hints under the inputs. */
export function fieldErrors(failure: ApiFailure | null): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of failure?.issues ?? []) {
    const field = issue.path.split('.')[0] || 'form'
    errors[field] ??= issue.message
  }
  return errors
}
