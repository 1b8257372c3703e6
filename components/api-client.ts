// fetch for the pages: JSON in, JSON out, and every failure (network, HTTP error) as a value with a
// message a person can read, so components have one shape to render.
export interface ApiFailure {
  ok: false
  status: number
  message: string
  details?: unknown
  /** Schema violations of the request, by field path, for messages next to the inputs. */
  issues?: { path: string; message: string }[]
  retryAfterSeconds?: number
}
export type ApiResult<T> = { ok: true; data: T } | ApiFailure

export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    })
  } catch {
    return { ok: false, status: 0, message: 'Cannot reach the server. Check the connection and try again.' }
  }
  // A 204 (a DELETE, say) has no body: success all the same.
  if (response.status === 204) return { ok: true, data: null as T }
  const body = (await response.json().catch(() => null)) as
    (T & { error?: { message?: string; details?: unknown; issues?: ApiFailure['issues'] } }) | null
  if (response.ok && body) return { ok: true, data: body }
  const retryAfter = Number(response.headers.get('retry-after'))
  return {
    ok: false,
    status: response.status,
    message: body?.error?.message ?? `The server answered ${response.status}. Try again.`,
    details: body?.error?.details,
    ...(body?.error?.issues ? { issues: body.error.issues } : {}),
    ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  }
}

export function postJson<T>(url: string, body: unknown, init: RequestInit = {}) {
  return requestJson<T>(url, { ...init, method: 'POST', body: JSON.stringify(body) })
}

/**
 * A failed request as a thrown error, for code that wants the data or an exception (SWR's fetchers):
 * the same status and readable message as ApiFailure, which it carries whole.
 */
export class ApiRequestError extends Error {
  readonly status: number
  readonly failure: ApiFailure

  constructor(failure: ApiFailure) {
    super(failure.message)
    this.name = 'ApiRequestError'
    this.status = failure.status
    this.failure = failure
  }
}

/** requestJson that resolves to the data alone and throws an ApiRequestError for every failure. */
export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const result = await requestJson<T>(url, init)
  if (!result.ok) throw new ApiRequestError(result)
  return result.data
}
