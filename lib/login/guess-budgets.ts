// How many wrong sign-in codes an address takes before it is locked out: 10 an hour from one
// network (one IPv4 address, or one IPv6 /64: lib/http/client-ip.ts's rateLimitKey), and 100 an
// hour from all networks together (NIST SP 800-63B's upper bound). So a stranger guessing at
// someone's address locks out the stranger's network, not the owner; only a spread-out attack
// reaches the owner. Each wrong code claims a slot of both budgets in one statement (lib/otp).
import type { Db } from '@/lib/db/client'
import { ApiError } from '@/lib/http/errors'
import { slotKeys, type GuessBudget, type SlidingWindowRule } from '@/lib/otp/sliding-window'
import { addressKey, type LoginAddress } from './address'

export const LOGIN_GUESS_RULES = {
  perNetwork: { bucket: 'login-guess-net', limit: 10, windowSeconds: 3600 },
  perAddress: { bucket: 'login-guess', limit: 100, windowSeconds: 3600 },
} satisfies Record<string, SlidingWindowRule>

/** Addresses never contain a space (lib/login/address.ts), so `address network` cannot be two others'. */
const networkSubject = (address: string, network: string) => `${address} ${network}`

/** The budgets a wrong code for `address` from `network` counts against: per network first, then overall. */
export function loginGuessBudgets(address: string, network: string): [GuessBudget, GuessBudget] {
  return [
    { rule: LOGIN_GUESS_RULES.perNetwork, subject: networkSubject(address, network) },
    { rule: LOGIN_GUESS_RULES.perAddress, subject: address },
  ]
}

/**
 * Forgets the wrong codes counted against a user's addresses (e-mail and phone) from every network,
 * so a locked-out user can sign in again at once. Says whether any network was locked out, and how
 * many wrong codes of the last hour were forgotten.
 */
export async function liftLockout(o: { db: Db; now: Date; userId: string }): Promise<{ wasLockedOut: boolean; wrongCodesCleared: number }> {
  const { db, now } = o
  const user = await db.user.findUnique({ where: { id: o.userId }, select: { email: true, phone: true } })
  if (!user) throw new ApiError('not_found', 'No such user')
  const addresses: LoginAddress[] = [
    ...(user.email ? [{ channel: 'email' as const, email: user.email }] : []),
    ...(user.phone ? [{ channel: 'sms' as const, phone: user.phone }] : []),
  ]
  let wasLockedOut = false
  let wrongCodesCleared = 0
  for (const address of addresses.map(addressKey)) {
    const overall = slotKeys(LOGIN_GUESS_RULES.perAddress, address)
    const networkPrefix = `${LOGIN_GUESS_RULES.perNetwork.bucket}:${networkSubject(address, '')}`
    // startsWith is a LIKE, whose _ and % an address may hold: the exact prefix is checked here.
    const rows = await db.rateLimitCounter.findMany({
      where: { OR: [{ key: { in: overall } }, { key: { startsWith: networkPrefix } }] },
      select: { key: true, expiresAt: true },
    })
    const ours = rows.filter((row) => overall.includes(row.key) || row.key.startsWith(networkPrefix))
    const held = ours.filter((row) => row.expiresAt > now)
    const heldPerBudget = new Map<string, number>()
    for (const row of held) {
      const budget = row.key.slice(0, row.key.lastIndexOf(':slot'))
      heldPerBudget.set(budget, (heldPerBudget.get(budget) ?? 0) + 1)
    }
    const overallHeld = held.filter((row) => overall.includes(row.key)).length
    wrongCodesCleared += overallHeld
    if (overallHeld >= LOGIN_GUESS_RULES.perAddress.limit) wasLockedOut = true
    for (const [budget, count] of heldPerBudget) {
      if (budget.startsWith(networkPrefix) && count >= LOGIN_GUESS_RULES.perNetwork.limit) wasLockedOut = true
    }
    if (ours.length > 0) await db.rateLimitCounter.deleteMany({ where: { key: { in: ours.map((row) => row.key) } } })
  }
  return { wasLockedOut, wrongCodesCleared }
}
