// The only module that reads process.env. Parsed once, at start-up; a bad value stops the app with
// a message naming the variable (see instrumentation.ts).
import 'server-only'
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js'
import { z } from 'zod'

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional()

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** `file:<path>` for SQLite (the default) or `postgresql://…` for PostgreSQL. */
  DATABASE_URL: z
    .string()
    .default('file:./data/qr-door.db')
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: 'must start with file: (SQLite) or postgresql:// (PostgreSQL)',
    }),
  /** PostgreSQL connections per app instance, plus half as many for request counters. */
  DATABASE_POOL_SIZE: positiveInt(4),
  /**
   * Milliseconds a PostgreSQL statement may run before it is cancelled, so that one locked table
   * cannot hang every request. Not applied to migrations at start-up, which may take longer.
   */
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(5_000),
  /** Milliseconds a request waits for a PostgreSQL connection when all of the pool's are busy. */
  DATABASE_POOL_WAIT_MS: positiveInt(5_000),
  /** Where the SQLite file (by default) and the generated APP_SECRET live. */
  DATA_DIR: z.string().default('./data'),
  /** Keys code hashes, TOTP-secret encryption and tokens. Generated into DATA_DIR when unset. */
  APP_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** Public origin used in links and in the SMS WebOTP line, e.g. https://door.example.com. */
  APP_ORIGIN: optionalText.pipe(z.url().optional()),
  /** Accepted as an API key, for bootstrap and automation. */
  ADMIN_API_KEY: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** This address becomes an admin on its first login. */
  ADMIN_EMAIL: optionalText.pipe(z.email().optional()),
  /**
   * The country of phone numbers written without their country code (ISO 3166 alpha-2, e.g. GB).
   * Unset, such numbers are refused: guessing the country would send codes to strangers abroad.
   */
  DEFAULT_PHONE_COUNTRY: optionalText.pipe(
    z
      .string()
      .toUpperCase()
      // "UK" is the usual slip: the ISO code is GB, and a typo should stop the app, not every login.
      .refine(isSupportedCountry, 'must be an ISO 3166 alpha-2 country code such as US or GB')
      .transform((country) => country as CountryCode)
      .optional(),
  ),

  SMTP_SERVER: optionalText,
  SMTP_PORT: positiveInt(587),
  SMTP_SECURE: booleanFlag.default(false),
  EMAIL_ADDRESS: optionalText,
  EMAIL_PASSWORD: optionalText,
  TWILIO_ACCOUNT_SID: optionalText,
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_PHONE_NUMBER: optionalText,
  /** Overrides Twilio's API host (tests point it at a local stand-in). */
  TWILIO_API_BASE_URL: optionalText.pipe(z.url().optional()),
  /** Milliseconds a provider call may take before it counts as failed. */
  DELIVERY_TIMEOUT_MS: positiveInt(10_000),
  /** Forces demo mode on (true) or off (false); by default it is on while no provider is set. */
  OTP_DEMO_MODE: booleanFlag.optional(),

  /**
   * The MQTT broker that door relays listen on, e.g. mqtt://127.0.0.1:1883 (mqtts:// for TLS). Unset:
   * nothing is published (lib/events).
   */
  MQTT_URL: optionalText.pipe(
    z
      .url()
      .refine((url) => /^(mqtts?|wss?):\/\//.test(url), 'must start with mqtt://, mqtts://, ws:// or wss://')
      .optional(),
  ),
  MQTT_USERNAME: optionalText,
  MQTT_PASSWORD: optionalText,
  /** The first level of every topic: `<prefix>/doors/<doorId>/unlock`, `/events`, `/state`. */
  MQTT_TOPIC_PREFIX: z
    .string()
    .trim()
    .regex(/^[^#+]+$/, 'must not be empty or hold the MQTT wildcards # and +')
    .default('qrdoor'),

  DOOR_GRANT_SECONDS: positiveInt(30),
  SESSION_TTL_HOURS: positiveInt(24 * 14),
  /** Requests per minute from one IP address to the public endpoints. */
  RATE_LIMIT_IP_PER_MINUTE: positiveInt(120),
  /**
   * Requests per minute from one IP address to GET /isvalid, which the pass page polls every second:
   * kept apart from RATE_LIMIT_IP_PER_MINUTE so that a few phones behind one NAT are not refused.
   */
  RATE_LIMIT_POLL_PER_MINUTE: positiveInt(600),
  /** Requests per hour for one subject (phone number, e-mail, user id) to the code endpoints. */
  RATE_LIMIT_SUBJECT_PER_HOUR: positiveInt(30),
  /**
   * How many reverse proxies stand in front of the app, each appending to X-Forwarded-For. The client
   * IP used for rate limits is that many entries from the right of what our server (which appends the
   * socket's peer) passes on; 0 means the peer itself, which no client can forge.
   */
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
})

export type Env = z.infer<typeof envSchema>

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super('Invalid environment configuration:\n' + issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join('\n'))
    this.name = 'EnvError'
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(env)'),
        message: issue.message,
      })),
    )
  }
  return result.data
}

export const env: Env = parseEnv(process.env)
