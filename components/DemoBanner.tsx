import { demoBanner } from '@/lib/delivery'

/** Tells people that codes are shown on screen because no e-mail or SMS provider is configured. */
export function DemoBanner() {
  const text = demoBanner()
  if (!text) return null
  return (
    <p className="banner" role="status">
      {text}
    </p>
  )
}
