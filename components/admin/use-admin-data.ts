'use client'

// The admin console's data. GETs go through SWR: cached by URL (so the access log's filters and the
// Users page share one list of users), revalidated with `mutate` after a change, polled where the
// console refreshes by itself. Changes go through sendJson. An expired session (401) sends the admin
// to the sign-in page instead of showing a dead console.
import useSWR, { type SWRConfiguration } from 'swr'
import { ApiRequestError, fetchJson, requestJson, type ApiFailure, type ApiResult } from '@/components/api-client'

export type Loadable<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: T }

export function signInAgainIfExpired(failure: { status: number }) {
  if (failure.status === 401) window.location.assign('/login')
}

/** An expired session (401) sends the admin to sign in; the result passes through. */
function signingInAgain<T>(request: Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  return request.then((result) => {
    if (!result.ok) signInAgainIfExpired(result)
    return result
  })
}

/** A GET from the console, never answered from the browser's cache; a failure is a value. */
export function getJson<T>(url: string): Promise<ApiResult<T>> {
  return signingInAgain(requestJson<T>(url, { cache: 'no-store' }))
}

/** SWR's fetcher for the console: getJson's data, or its failure thrown as an ApiRequestError. */
export function adminFetcher<T>(url: string): Promise<T> {
  return fetchJson<T>(url, { cache: 'no-store' }).catch((error: unknown) => {
    if (error instanceof ApiRequestError) signInAgainIfExpired(error)
    throw error
  })
}

/** The options every console GET starts from. */
export const adminSWRConfig = {
  // A failed load shows its message and a "Try again" button, as the console always did: a 401,
  // 403 or 429 does not heal by retrying, and every retry would announce the alert again.
  shouldRetryOnError: false,
  // The admin endpoints share one per-IP limit with the access log's live refresh: lists refresh
  // after the admin's own changes and where a page polls, not each time the tab gets focus.
  revalidateOnFocus: false,
} satisfies SWRConfiguration

/**
 * What LoadStatus shows for an SWR resource: the data once there (also while a later revalidation
 * fails: the list stays), else the error, else loading.
 */
export function loadable<T>(data: T | undefined, error: unknown): Loadable<T> {
  if (data !== undefined) return { kind: 'ready', data }
  if (error) return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  return { kind: 'loading' }
}

/** One admin API resource for a page: its state for LoadStatus, and `mutate` to reload it after a change. */
export function useAdminData<T>(url: string | null, config?: SWRConfiguration<T, ApiRequestError>) {
  const { data, error, mutate } = useSWR<T, ApiRequestError>(url, (key: string) => adminFetcher<T>(key), {
    ...adminSWRConfig,
    ...config,
  })
  return { data, state: loadable(data, error), mutate }
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
