import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { currentUser } from '@/app/_lib/current-user'
import { DemoBanner } from '@/components/DemoBanner'
import { LoginForm } from '@/components/login/LoginForm'

export const metadata: Metadata = { title: 'Sign in' }

export default async function LoginPage() {
  if (await currentUser()) redirect('/pass')
  return (
    <>
      <DemoBanner />
      <main className="page narrow">
        <h1>Sign in to QR Door</h1>
        <p className="muted">We send you a one-time code. No password needed.</p>
        <LoginForm />
      </main>
    </>
  )
}
