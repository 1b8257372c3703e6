// Passwordless login: a code by e-mail or SMS through the OTP engine, then a database session.
// An unknown, disabled or mistyped-but-valid address goes through the same steps as a known one
// (resend wait, lock-out, a challenge, tries counted) except that nothing is sent, so neither the
// answers, nor their order, nor their time tell who has an account: a known address's message is
// written to the outbox with its code and sent after the answer (lib/delivery/outbox.ts). Wrong
// codes count per address and network, and per address (guess-budgets.ts). ADMIN_EMAIL always
// becomes admin on login. Without it, a fresh install (no admin, never bootstrapped) makes the
// first address to prove itself the admin, once: the claim is a single INSERT, so racing first
// logins cannot make two admins.
import { defaultGroupIds, memberships } from '@/lib/access/defaults'
import type { Db } from '@/lib/db/client'
import { createSession } from '@/lib/auth/sessions'
import { ApiError, rateLimited } from '@/lib/http/errors'
import { enforceRateLimits } from '@/lib/rate-limit'
import { checkCode } from '@/lib/otp/check-code'
import { issueCode } from '@/lib/otp/issue-code'
import type { OtpPolicy } from '@/lib/otp/policy'
import { encryptTotpSecret, generateTotpSecret } from '@/lib/door/totp-secret'
import { isUniqueViolation } from '@/lib/db/errors'
import { lockedUntil } from '@/lib/otp/sliding-window'
import { newUserId } from '@/lib/users/user-id'
import { addressKey, maskAddress, parseLoginAddress, type LoginAddress } from './address'
import { isLoginCodeShaped, LOGIN_CODE_LENGTH, LOGIN_CODE_MESSAGE, stripCodeSeparators } from './code'
import { loginGuessBudgets } from './guess-budgets'

/** Wrong guesses are limited per address and network by loginGuessBudgets, not by a guessBudget here. */
export const LOGIN_POLICY: OtpPolicy = {
  length: LOGIN_CODE_LENGTH,
  alphabet: 'numeric',
  ttlSeconds: 10 * 60,
  maxAttempts: 5,
  resendCooldownSeconds: 30,
}

export interface LoginLimits {
  perIpPerMinute: number
  perAddressPerHour: number
}

/**
 * Requests per IP, and per address: asking for codes counts per address (no one gets flooded with
 * messages), checking them per address and network, so a stranger's requests do not lock out the
 * owner's (their wrong codes are limited by the guess budgets).
 */
async function limitLogin(o: { db: Db; now: Date; ip: string; address: string; limits: LoginLimits; step: 'start' | 'verify' }) {
  const perAddress =
    o.step === 'start'
      ? { rule: { bucket: 'login-address', limit: o.limits.perAddressPerHour, windowSeconds: 3600 }, subject: o.address }
      : { rule: { bucket: 'login-check', limit: o.limits.perAddressPerHour, windowSeconds: 3600 }, subject: `${o.address} ${o.ip}` }
  await enforceRateLimits({
    db: o.db,
    now: o.now,
    checks: [{ rule: { bucket: 'login-ip', limit: o.limits.perIpPerMinute, windowSeconds: 60 }, subject: o.ip }, perAddress],
  })
}

/** The 429 while an address is locked out (from this network, or from all), with the lock-out's end. */
function lockedOut(o: { now: Date; until: Date; message: (minutes: number) => string; detail?: Record<string, number> }): ApiError {
  const seconds = Math.max(1, Math.ceil((o.until.getTime() - o.now.getTime()) / 1000))
  const error = rateLimited(seconds, o.message(Math.ceil(seconds / 60)))
  error.options.detail = { ...o.detail, retryAfterSeconds: seconds, lockedUntil: o.until.toISOString() }
  return error
}

const tooManyWrongCodes = (minutes: number) => `Too many wrong codes for this address. Try again in ${minutes} min.`

/** rateLimited() sets the status and Retry-After; the login answers also carry details in the body. */
function withDetail(error: ApiError, detail: Record<string, number>): ApiError {
  error.options.detail = detail
  return error
}

function requireAddress(input: string): LoginAddress {
  const address = parseLoginAddress(input)
  if (!address) {
    throw new ApiError('bad_request', 'Enter an e-mail address or a phone number in international form (+…)')
  }
  return address
}

async function findUserByAddress(db: Db, address: LoginAddress) {
  return db.user.findUnique({
    where: address.channel === 'email' ? { email: address.email } : { phone: address.phone },
  })
}

const ADMIN_BOOTSTRAPPED = 'admin-bootstrapped'

function isAdminEmail(address: LoginAddress, adminEmail: string | undefined): boolean {
  return address.channel === 'email' && !!adminEmail && address.email === adminEmail.toLowerCase()
}

/** The first-login-becomes-admin rule applies only without ADMIN_EMAIL, before any admin exists, once. */
async function bootstrapOpen(db: Db, adminEmail: string | undefined): Promise<boolean> {
  if (adminEmail) return false
  const [claimed, admins] = await Promise.all([
    db.systemState.findUnique({ where: { key: ADMIN_BOOTSTRAPPED } }),
    db.user.count({ where: { role: 'admin' } }),
  ])
  return !claimed && admins === 0
}

/**
 * Whether this address may receive a code, and whether signing in would create the first admin.
 * The same reads for every address, known or not, so that its time tells nothing.
 */
async function admission(db: Db, address: LoginAddress, adminEmail: string | undefined) {
  const [user, open] = await Promise.all([findUserByAddress(db, address), bootstrapOpen(db, adminEmail)])
  if (user) return { allowed: !user.disabled, createsFirstAdmin: false }
  if (isAdminEmail(address, adminEmail)) return { allowed: true, createsFirstAdmin: false }
  return { allowed: open, createsFirstAdmin: open }
}

export interface StartLoginResult {
  channel: 'email' | 'sms'
  sentTo: string
  expiresInSeconds: number
  resendAfterSeconds: number
  /** Signing in with this address creates the first admin account. */
  createsFirstAdmin: boolean
  /** Demo mode only: the code, since no message really went out. */
  demoCode?: string
}

export async function startLogin(o: {
  db: Db
  now: Date
  input: string
  ip: string
  adminEmail?: string
  limits: LoginLimits
  /** The host of the SMS WebOTP line: the one the login page was served from. */
  webOtpHost?: string
}): Promise<StartLoginResult> {
  const address = requireAddress(o.input)
  const key = addressKey(address)
  await limitLogin({ db: o.db, now: o.now, ip: o.ip, address: key, limits: o.limits, step: 'start' })
  const answer = {
    channel: address.channel,
    sentTo: maskAddress(address),
    expiresInSeconds: LOGIN_POLICY.ttlSeconds,
    resendAfterSeconds: LOGIN_POLICY.resendCooldownSeconds ?? 0,
  }
  const [{ allowed, createsFirstAdmin }, locked] = await Promise.all([
    admission(o.db, address, o.adminEmail),
    lockedUntil({ db: o.db, now: o.now, budgets: loginGuessBudgets(key, o.ip) }),
  ])
  // No code while the lock-out lasts: it could not be used anyway.
  if (locked) throw lockedOut({ now: o.now, until: locked, message: tooManyWrongCodes })
  const issued = await issueCode({
    db: o.db,
    now: o.now,
    scope: 'login',
    subject: key,
    policy: LOGIN_POLICY,
    channel: address.channel,
    destination: key,
    deliver: allowed,
    send: 'outbox',
    webOtpHost: o.webOtpHost,
  })
  if (!issued.ok) {
    switch (issued.reason) {
      case 'cooldown':
        throw withDetail(rateLimited(issued.retryAfterSeconds, `Wait ${issued.retryAfterSeconds} s before asking for another code`), {
          retryAfterSeconds: issued.retryAfterSeconds,
        })
      case 'unavailable':
        throw new ApiError('unavailable', `Codes cannot be sent by ${address.channel === 'sms' ? 'SMS' : 'e-mail'} here: ${issued.message}`)
      case 'delivery_failed':
      case 'nothing_to_resend':
        // Neither happens here: the outbox sends after the answer, and this is a new code.
        throw new Error(`startLogin: unexpected ${issued.reason}`)
    }
  }
  return { ...answer, createsFirstAdmin, ...(allowed && issued.demo ? { demoCode: issued.code } : {}) }
}

export interface VerifyLoginResult {
  token: string
  expiresAt: Date
  user: { id: string; name: string; role: string }
  createdAdmin: boolean
}

const failure: Record<string, (attemptsLeft: number) => ApiError> = {
  invalid: (left) =>
    new ApiError(
      'bad_request',
      left === 0
        ? 'That code is not right, and that was the last try. Ask for a new code.'
        : `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`,
      { detail: { attemptsLeft: left } },
    ),
  mismatch: (left) => failure.invalid!(left),
  expired: () => new ApiError('gone', 'This code has expired. Ask for a new one.'),
  not_found: () =>
    new ApiError('bad_request', 'That code is not right, or it has expired. Ask for a new one.', {
      detail: { attemptsLeft: 0 },
    }),
  too_many_attempts: () => new ApiError('rate_limited', 'Too many wrong codes. Ask for a new code.', { detail: { attemptsLeft: 0 } }),
}

/** The user this address signs in as: ADMIN_EMAIL's account, or the bootstrap admin, are created here. */
async function signInUser(db: Db, address: LoginAddress, adminEmail: string | undefined) {
  const existing = await findUserByAddress(db, address)
  const asAdmin = isAdminEmail(address, adminEmail)
  if (existing) {
    if (existing.disabled) return null
    if (asAdmin && existing.role !== 'admin') {
      return { user: await db.user.update({ where: { id: existing.id }, data: { role: 'admin' } }), created: false }
    }
    return { user: existing, created: false }
  }
  if (!asAdmin && !(await bootstrapOpen(db, adminEmail))) return null
  const id = newUserId()
  const data = {
    id,
    role: 'admin',
    name: address.channel === 'email' ? address.email.split('@')[0]! : address.phone,
    email: address.channel === 'email' ? address.email : null,
    phone: address.channel === 'sms' ? address.phone : null,
    totpSecretEnc: encryptTotpSecret({ secret: generateTotpSecret(), userId: id }),
    groups: memberships(await defaultGroupIds(db)),
  }
  try {
    if (asAdmin) return { user: await db.user.create({ data }), created: true }
    // The claim and the account in one transaction: the INSERT's primary key lets one first login win.
    const [, user] = await db.$transaction([db.systemState.create({ data: { key: ADMIN_BOOTSTRAPPED } }), db.user.create({ data })])
    return { user, created: true }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    // Another first login won the claim, or created this same address a moment ago.
    const again = await findUserByAddress(db, address)
    return again && !again.disabled ? { user: again, created: false } : null
  }
}

export async function verifyLogin(o: {
  db: Db
  now: Date
  input: string
  code: string
  ip: string
  adminEmail?: string
  sessionTtlHours: number
  limits: LoginLimits
}): Promise<VerifyLoginResult> {
  const address = requireAddress(o.input)
  const key = addressKey(address)
  // A code of the wrong form is no guess: refused before anything is counted.
  const code = stripCodeSeparators(o.code)
  if (!isLoginCodeShaped(code)) throw new ApiError('bad_request', LOGIN_CODE_MESSAGE)
  await limitLogin({ db: o.db, now: o.now, ip: o.ip, address: key, limits: o.limits, step: 'verify' })
  const budgets = loginGuessBudgets(key, o.ip)
  const result = await checkCode({ db: o.db, now: o.now, scope: 'login', subject: key, code, policy: LOGIN_POLICY, guessBudgets: budgets })
  if (!result.ok) {
    if (result.reason === 'locked_out') {
      const until = new Date(o.now.getTime() + result.retryAfterSeconds * 1000)
      throw lockedOut({ now: o.now, until, message: tooManyWrongCodes, detail: { attemptsLeft: 0 } })
    }
    if (result.reason === 'invalid' || result.reason === 'mismatch') {
      // The wrong code that spends a budget says so at once, not only the next code.
      const until = await lockedUntil({ db: o.db, now: o.now, budgets })
      if (until) {
        throw lockedOut({
          now: o.now,
          until,
          message: (minutes) => `That code is not right. Too many wrong codes for this address: try again in ${minutes} min.`,
          detail: { attemptsLeft: 0 },
        })
      }
    }
    throw failure[result.reason]!(result.attemptsLeft)
  }
  const signedIn = await signInUser(o.db, address, o.adminEmail)
  // A code can only have been sent to an address that may sign in; this covers a user disabled
  // while their code was on its way.
  if (!signedIn) throw new ApiError('forbidden', 'This account cannot sign in. Ask an administrator.')
  const session = await createSession({ db: o.db, userId: signedIn.user.id, now: o.now, ttlHours: o.sessionTtlHours })
  return {
    token: session.token,
    expiresAt: session.expiresAt,
    user: { id: signedIn.user.id, name: signedIn.user.name, role: signedIn.user.role },
    createdAdmin: signedIn.created,
  }
}
