'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

const links = [
  { href: '/admin', label: 'Access log' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/groups', label: 'Groups' },
  { href: '/admin/doors', label: 'Doors' },
  { href: '/admin/kiosks', label: 'Kiosks' },
  { href: '/admin/guests', label: 'Guests' },
  { href: '/admin/api-keys', label: 'API keys' },
  { href: '/admin/webhooks', label: 'Webhooks' },
  { href: '/admin/outbox', label: 'Outbox' },
]

export function AdminNav() {
  const pathname = usePathname()
  return (
    <nav aria-label="Admin" className="admin-nav">
      <ul>
        {links.map((link) => {
          const current = link.href === '/admin' ? pathname === '/admin' : pathname.startsWith(link.href)
          return (
            <li key={link.href}>
              <Link href={link.href} aria-current={current ? 'page' : undefined}>
                {link.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
