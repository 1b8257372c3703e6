import type { Metadata } from 'next'
import { KioskScreen } from '@/components/kiosk/KioskScreen'

export const metadata: Metadata = { title: 'Door kiosk' }

export default function KioskPage() {
  return <KioskScreen />
}
