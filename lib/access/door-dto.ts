// What the admin API shows of a door (SPEC: `{id, name, timeZone, unlockSeconds, lockdown}`).
export interface DoorDto {
  id: string
  name: string
  timeZone: string
  unlockSeconds: number
  lockdown: boolean
}

export const doorDtoSelect = { id: true, name: true, timeZone: true, unlockSeconds: true, lockdown: true } as const
