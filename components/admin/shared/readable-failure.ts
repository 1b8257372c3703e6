import type { ApiFailure } from '@/components/api-client'

/**
 * A failure for the form's alert in words: a 400 that names fields says what the first field's
 * problem is (as its hint does) instead of "The request does not match the schema". With `labels`
 * (field → its label on the form) the alert also names that field, as "Phone: …".
 */
export function readableFailure(failure: ApiFailure | null, labels?: Record<string, string>): ApiFailure | null {
  const first = failure?.issues?.[0]
  if (!failure || failure.status === 0 || !first) return failure
  const more = failure.issues!.length - 1
  const label = labels?.[first.path.split('.')[0] ?? '']
  const message = label ? `${label}: ${first.message}` : first.message
  return { ...failure, message: more > 0 ? `${message} (and ${more} more below)` : message }
}
