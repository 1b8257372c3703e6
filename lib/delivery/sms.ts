// SMS through the twilio SDK (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER).
import 'server-only'
import twilio from 'twilio'
import type RequestClient from 'twilio/lib/base/RequestClient'
import { withDeadline } from './deadline'
import type { TwilioSettings } from './settings'

/**
 * The SDK's own HTTP client, sending every request to `baseUrl` instead of Twilio's hosts: the
 * SDK has no base-URL option, but it takes a custom `httpClient`, which sees the final URL.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: URL,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options)
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const original = new URL(options.uri)
    const target = new URL(this.baseUrl)
    target.pathname = target.pathname.replace(/\/$/, '') + original.pathname
    target.search = original.search
    return super.request<TData>({ ...options, uri: target.toString() })
  }
}

const clients = new Map<string, twilio.Twilio>()

function twilioClient(settings: TwilioSettings, timeoutMs: number): twilio.Twilio {
  const cacheKey = [settings.accountSid, settings.authToken, settings.baseUrl ?? '', timeoutMs].join('\n')
  let client = clients.get(cacheKey)
  if (!client) {
    const httpClient = settings.baseUrl
      ? new RebasedRequestClient(new URL(settings.baseUrl), { timeout: timeoutMs })
      : new twilio.RequestClient({ timeout: timeoutMs })
    client = twilio(settings.accountSid, settings.authToken, { httpClient, timeout: timeoutMs })
    clients.set(cacheKey, client)
  }
  return client
}

/** Sends one SMS and returns Twilio's message SID. Twilio's refusals surface as RestException. */
export async function sendSms(o: { settings: TwilioSettings; to: string; body: string; timeoutMs: number }): Promise<string> {
  const client = twilioClient(o.settings, o.timeoutMs)
  const message = await withDeadline(client.messages.create({ to: o.to, from: o.settings.from, body: o.body }), o.timeoutMs, 'Twilio')
  return message.sid
}

/** A provider error in words people can act on ("Twilio error 21211: The 'To' number … is not valid"). */
export function describeSmsError(error: unknown): { reason: string; code?: string } {
  if (error instanceof twilio.RestException) {
    return {
      reason: error.code ? `Twilio error ${error.code}: ${error.message}` : `Twilio answered ${error.status}: ${error.message}`,
      code: error.code ? String(error.code) : undefined,
    }
  }
  return { reason: error instanceof Error ? error.message : String(error) }
}
