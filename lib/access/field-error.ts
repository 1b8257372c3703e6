// A 400 for one field that the schema alone cannot judge (an id that names nothing, a window that
// ends before it starts). It carries the same `issues` as a schema violation, so the console puts
// the message beside the field either way.
import { ApiError } from '@/lib/http/errors'

/** `field` is the issue's path, dotted for nested parts (`schedule.0.from`). */
export function fieldError(field: string, message: string): ApiError {
  return new ApiError('bad_request', `${field}: ${message}`, {
    issues: [{ code: 'custom', path: field.split('.'), message }],
  })
}
