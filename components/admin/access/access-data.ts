'use client'

// The doors and access groups as the console reads them: one SWR entry each, shared by the Doors,
// Groups, Users, Kiosks and Guests pages and the access log's filter, so a change made on one page
// shows on the others without another request.
import type { z } from 'zod'
import { useAdminData } from '@/components/admin/use-admin-data'
import type { doorListResponseSchema, doorSchema, groupListResponseSchema, groupSchema } from '@/lib/access/api-schemas'

export type Door = z.infer<typeof doorSchema>
export type AccessGroup = z.infer<typeof groupSchema>

export const DOORS_URL = '/api/admin/doors'
export const GROUPS_URL = '/api/admin/groups'

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name)

export function useDoors() {
  const doors = useAdminData<z.infer<typeof doorListResponseSchema>>(DOORS_URL)
  return { ...doors, list: doors.data ? [...doors.data.doors].sort(byName) : undefined }
}

export function useGroups() {
  const groups = useAdminData<z.infer<typeof groupListResponseSchema>>(GROUPS_URL)
  return { ...groups, list: groups.data ? [...groups.data.groups].sort(byName) : undefined }
}

/** Names for ids, in the order given; an id the list does not know (deleted meanwhile) is left out. */
export function namesOf(ids: readonly string[], items: readonly { id: string; name: string }[] | undefined): string[] {
  const names = new Map(items?.map((item) => [item.id, item.name]))
  return ids.flatMap((id) => {
    const name = names.get(id)
    return name === undefined ? [] : [name]
  })
}
