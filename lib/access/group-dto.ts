// What the admin API shows of an access group (SPEC: `{id, name, doorIds, schedule}`).
import type { Schedule } from './schedule'

export interface GroupDto {
  id: string
  name: string
  doorIds: string[]
  schedule: Schedule
}

export const groupDtoSelect = {
  id: true,
  name: true,
  schedule: true,
  doors: { select: { doorId: true }, orderBy: { doorId: 'asc' } },
} as const

export function toGroupDto(group: { id: string; name: string; schedule: string; doors: { doorId: string }[] }): GroupDto {
  return {
    id: group.id,
    name: group.name,
    doorIds: group.doors.map((door) => door.doorId),
    // Written only by createGroup and updateGroup, from a schedule the schema checked.
    schedule: JSON.parse(group.schedule) as Schedule,
  }
}
