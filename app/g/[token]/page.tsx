import type { Metadata } from 'next'
import { GuestPassView } from '@/components/guest/GuestPassView'
import './guest.css'

// The link is the credential: kept out of search engines and out of the Referer of any link followed.
export const metadata: Metadata = { title: 'Your door pass', robots: { index: false, follow: false }, referrer: 'no-referrer' }

export default async function GuestPassPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  return (
    <div className="pass-screen">
      <header className="topbar">
        <span className="guest-brand">QR Door · Guest pass</span>
      </header>
      <main className="pass-main">
        <GuestPassView token={token} />
      </main>
    </div>
  )
}
