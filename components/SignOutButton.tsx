'use client'

import { useState } from 'react'
import { postJson } from '@/components/api-client'

export function SignOutButton() {
  const [busy, setBusy] = useState(false)
  return (
    <button
      type="button"
      className="secondary small"
      disabled={busy}
      onClick={async () => {
        setBusy(true)
        await postJson('/api/auth/logout', {})
        window.location.assign('/login')
      }}
    >
      {busy ? 'Signing out…' : 'Sign out'}
    </button>
  )
}
