import { ApiError } from '@/lib/http/errors'

/** The unique index on AccessGroup.name decides; this is its answer. */
export function groupNameTaken(name: string): ApiError {
  return new ApiError('conflict', `There is already a group named ${name}`)
}
