import type { ApiFailure } from '@/components/api-client'

/**
 * A failure for the form's alert in words: a 400 that names fields says what the first field's
 * problem is (as its hint does) instead of "The request does not match the schema".
 */
export function readableFailure(failure: ApiFailure | null): ApiFailure | null {
  const first = failure?.issues?.[0]
  if (!failure || failure.status === 0 || !first) return failure
  const more = failure.issues!.length - 1
  return { ...failure, message: more > 0 ? `${first.message} (and ${more} more below)` : first.message }
}
