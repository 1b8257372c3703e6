import Link from 'next/link'

const destinations = [
  { href: '/login', title: 'Sign in', text: 'Get a one-time code by e-mail or SMS.' },
  { href: '/pass', title: 'My door pass', text: 'Show your rotating QR code at the door.' },
  { href: '/kiosk', title: 'Door kiosk', text: 'Turn this tablet into a door scanner.' },
  { href: '/admin', title: 'Admin console', text: 'Access log, users, kiosks, API keys, deliveries.' },
  { href: '/docs', title: 'API documentation', text: 'Swagger UI; also as Redoc at /redoc.' },
]

export default function HomePage() {
  return (
    <main className="page">
      <h1>QR Door</h1>
      <p className="muted">One-time codes by e-mail or SMS, and rotating QR door passes.</p>
      <nav aria-label="QR Door" className="card-grid">
        {destinations.map((destination) => (
          <Link key={destination.href} href={destination.href} className="card">
            <strong>{destination.title}</strong>
            <span className="muted">{destination.text}</span>
          </Link>
        ))}
      </nav>
    </main>
  )
}
