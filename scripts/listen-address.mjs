// Where the server listens. In demo mode (no e-mail or SMS provider, or OTP_DEMO_MODE=true) every
// sign-in code is shown on screen, so anyone who can reach the server can sign in as anyone: it
// listens on the loopback address only unless HOSTNAME is set explicitly. This runs before the
// app's env module, so it reads the raw environment with lib/delivery/settings.ts's rule;
// lib/delivery/settings.test.ts checks that the two agree.

/** OTP_DEMO_MODE as lib/env.ts reads it: unset is undefined, '' is false. */
function demoFlag(value) {
  if (value === undefined) return undefined
  return value === 'true' || value === '1' || value === 'yes'
}

const isSet = (value) => (value ?? '').trim() !== ''

/** Whether the app runs in demo mode with this environment. */
export function isDemoEnv(env) {
  const email = isSet(env.SMTP_SERVER) && isSet(env.EMAIL_ADDRESS)
  const sms = isSet(env.TWILIO_ACCOUNT_SID) && isSet(env.TWILIO_AUTH_TOKEN) && isSet(env.TWILIO_PHONE_NUMBER)
  return demoFlag(env.OTP_DEMO_MODE) ?? (!email && !sms)
}

/**
 * The address to listen on (undefined: every interface, Node's default) and whether in demo mode.
 * @param {Record<string, string | undefined>} env
 * @returns {{ hostname: string | undefined; demo: boolean; explicit: boolean }}
 */
export function listenAddress(env) {
  const demo = isDemoEnv(env)
  const hostname = env.HOSTNAME?.trim()
  if (hostname) return { hostname, demo, explicit: true }
  return { hostname: demo ? '127.0.0.1' : undefined, demo, explicit: false }
}

/** The start-up warning of demo mode: what it means, where it listens, how to leave it. */
export function demoModeWarning({ hostname, explicit, port }) {
  const loopback = hostname === 'localhost' || hostname === '::1' || /^127\./.test(hostname ?? '')
  const where = loopback
    ? `Listening on ${hostname}:${port} only (this machine)${explicit ? '' : ': set HOSTNAME to listen elsewhere'}.`
    : `HOSTNAME=${hostname ?? ''} was set: this demo is reachable from the network on port ${port}.`
  const rule = '='.repeat(78)
  return [
    rule,
    '  DEMO MODE: no e-mail or SMS provider is configured, so sign-in codes are shown',
    '  on screen, in the server log and in the admin outbox.',
    '  ANYONE WHO CAN REACH THIS SERVER CAN SIGN IN AS ANYONE, THE ADMIN INCLUDED.',
    `  ${where}`,
    '  For real use, set SMTP_SERVER and EMAIL_ADDRESS, or TWILIO_* (see README).',
    rule,
  ].join('\n')
}
