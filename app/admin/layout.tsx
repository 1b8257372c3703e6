import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { AdminNav } from '@/components/admin/AdminNav'
import { DemoBanner } from '@/components/DemoBanner'
import { SignOutButton } from '@/components/SignOutButton'
import { requireAdmin } from './_lib/require-admin'
import './admin.css'

export const metadata: Metadata = { title: { default: 'Admin', template: '%s · Admin · QR Door' } }

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdmin()
  return (
    <div className="admin">
      <a href="#admin-main" className="skip-link">
        Skip to content
      </a>
      <div className="admin-shell">
        <header className="admin-sidebar">
          <Link href="/admin" className="admin-brand">
            QR Door <span>Admin</span>
          </Link>
          <AdminNav />
          <div className="admin-account">
            <span className="admin-account-name">
              Signed in as <strong>{admin.name || admin.email || admin.phone}</strong>
            </span>
            <span className="admin-account-links">
              <Link href="/pass">My pass</Link>
              <SignOutButton />
            </span>
          </div>
        </header>
        <div className="admin-content">
          <DemoBanner />
          <main id="admin-main" className="admin-main" tabIndex={-1}>
            {children}
          </main>
        </div>
      </div>
    </div>
  )
}
