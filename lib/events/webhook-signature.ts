// The signature on every webhook delivery, as the README's guide tells receivers to check it:
// `X-QRDoor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (the
// scheme of Stripe's and Kisi's webhooks). The time is signed too, so a receiver can refuse an old
// delivery replayed to it.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'X-QRDoor-Signature'

export function signatureHeader(o: { secret: string; body: string; now: Date }): string {
  const t = Math.floor(o.now.getTime() / 1000)
  return `t=${t},v1=${createHmac('sha256', o.secret).update(`${t}.${o.body}`).digest('hex')}`
}

/** What a receiver does: true when `header` signs `body` with `secret` within `toleranceSeconds` of `now`. */
export function verifySignature(o: { secret: string; body: string; header: string; now: Date; toleranceSeconds?: number }): boolean {
  const parts = new Map(o.header.split(',').map((part) => part.split('=', 2) as [string, string]))
  const t = Number(parts.get('t'))
  const v1 = parts.get('v1')
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return false
  if (Math.abs(o.now.getTime() / 1000 - t) > (o.toleranceSeconds ?? 300)) return false
  const expected = createHmac('sha256', o.secret).update(`${t}.${o.body}`).digest()
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'))
}
