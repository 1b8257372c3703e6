// The webhook event types in the console's words: the type itself (what receivers switch on) and
// what makes it happen.
import type { WebhookEventType } from '@/lib/events/messages'

export const EVENT_TYPE_OPTIONS: readonly { id: WebhookEventType; label: string; detail: string }[] = [
  { id: 'access.granted', label: 'access.granted', detail: 'a scan let someone in' },
  { id: 'access.denied', label: 'access.denied', detail: 'a scan was refused, with the reason' },
  { id: 'door.unlocked', label: 'door.unlocked', detail: 'a grant or a remote unlock opened a door' },
  { id: 'kiosk.offline', label: 'kiosk.offline', detail: 'a kiosk missed its heartbeats for 90 s' },
  { id: 'kiosk.online', label: 'kiosk.online', detail: 'a kiosk is back' },
]

export const ALL_EVENT_TYPES: WebhookEventType[] = EVENT_TYPE_OPTIONS.map((option) => option.id)
