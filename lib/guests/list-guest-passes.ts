import type { Db } from '@/lib/db/client'
import { guestPassDtoSelect, toGuestPassDto, type GuestPassDto } from './guest-pass-dto'

/** Newest first, each with its state at `now`. */
export async function listGuestPasses(options: { db: Db; now: Date }): Promise<GuestPassDto[]> {
  const passes = await options.db.guestPass.findMany({
    select: guestPassDtoSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  })
  return passes.map((pass) => toGuestPassDto(pass, options.now))
}
