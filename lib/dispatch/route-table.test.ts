// The production dispatcher's route table: Next's precedence between static, dynamic and page
// paths, %-decoded params, no match for bad encoding, unknown paths or trailing slashes, the Allow
// string and API style of each route, and how app folder paths become router paths.
import { describe, expect, it } from 'vitest'
import { createRouteTable, toRouterPath, type RouteEntry, type RouteHandler, type RouteModule } from './route-table'
import type { ApiStyle } from '@/lib/http/styles'

const handler = (apiStyle?: ApiStyle): RouteHandler => Object.assign(async () => new Response(), apiStyle ? { apiStyle } : {})

const route = (path: string, module: RouteModule): RouteEntry => ({ kind: 'route', path, module })
const page = (path: string): RouteEntry => ({ kind: 'page', path })

// As in the app: each API marks its handlers with its error style ('app' when unmarked).
const modules = {
  otpVerify: { POST: handler('fastapi'), dynamic: 'force-dynamic' },
  otpUser: { GET: handler('fastapi'), dynamic: 'force-dynamic' },
  seed004: { GET: handler('envelope'), POST: handler('envelope') },
  health: { GET: handler('envelope') },
  validate: { GET: handler('fastapi') },
  eventsCsv: { GET: handler(), dynamic: 'force-dynamic' },
  adminUser: { PATCH: handler('app'), DELETE: handler('app') },
} satisfies Record<string, RouteModule>

const table = createRouteTable([
  route('/otp/verify', modules.otpVerify),
  route('/otp/[user_id]', modules.otpUser),
  route('/[uuid]/[otp]', modules.seed004),
  route('/health', modules.health),
  route('/validate/[string]', modules.validate),
  route('/api/admin/events.csv', modules.eventsCsv),
  route('/api/admin/users/[id]', modules.adminUser),
  page('/'),
  page('/admin/users'),
  page('/login'),
])

/** The route's folder path and params, or 'page', or null. */
function matched(pathname: string) {
  const match = table.match(pathname)
  if (!match) return null
  if (match.kind === 'page') return 'page'
  return { path: match.route.path, params: match.params }
}

describe('createRouteTable', () => {
  it('puts static paths before dynamic ones, as Next does', () => {
    expect(matched('/otp/verify')).toEqual({ path: '/otp/verify', params: {} })
    expect(matched('/otp/abc')).toEqual({ path: '/otp/[user_id]', params: { user_id: 'abc' } })
    expect(matched('/health')).toEqual({ path: '/health', params: {} })
    expect(matched('/admin/users')).toBe('page')
    expect(matched('/x/y')).toEqual({ path: '/[uuid]/[otp]', params: { uuid: 'x', otp: 'y' } })
    expect(matched('/api/admin/events.csv')).toEqual({ path: '/api/admin/events.csv', params: {} })
    expect(matched('/api/admin/users/u-1')).toEqual({ path: '/api/admin/users/[id]', params: { id: 'u-1' } })
  })

  it('matches pages, the root included', () => {
    expect(matched('/')).toBe('page')
    expect(matched('/login')).toBe('page')
  })

  it('hands over params %-decoded', () => {
    expect(matched('/validate/a%2Fb%3D')).toEqual({ path: '/validate/[string]', params: { string: 'a/b=' } })
    expect(matched('/otp/J%C3%BCrgen')).toEqual({ path: '/otp/[user_id]', params: { user_id: 'Jürgen' } })
    expect(matched('/validate/a%20b')).toMatchObject({ params: { string: 'a b' } })
  })

  it('matches nothing for bad %-encoding, unknown paths, trailing slashes or another case', () => {
    expect(matched('/validate/%E0%A4%A')).toBeNull()
    expect(matched('/otp/%zz')).toBeNull()
    expect(matched('/%zz/y')).toBeNull()
    expect(matched('/nowhere')).toBeNull()
    expect(matched('/a/b/c')).toBeNull()
    expect(matched('/api/admin/users')).toBeNull()
    expect(matched('/otp/verify/')).toBeNull()
    expect(matched('/otp/abc/')).toBeNull()
    expect(matched('/admin/users/')).toBeNull()
    expect(matched('/Health')).toBeNull()
    expect(matched('/LOGIN')).toBeNull()
  })

  // Next never fills a dynamic segment with nothing: `/health/` is /health (redirected), `//y` is /y.
  it('does not match a trailing slash or an empty segment as an empty param', () => {
    const paths = ['/health/', '/login/', '/x/', '/otp/', '/validate/', '//y', '/x//']
    expect(paths.map((path) => [path, matched(path)]).filter(([, match]) => match !== null)).toEqual([])
  })

  it('tells unsupported methods what is allowed, HEAD with GET and OPTIONS always', () => {
    const allow = (pathname: string) => {
      const match = table.match(pathname)
      return match?.kind === 'route' ? match.route.allow : null
    }
    expect(allow('/health')).toBe('GET, HEAD, OPTIONS')
    expect(allow('/otp/verify')).toBe('POST, OPTIONS')
    expect(allow('/x/y')).toBe('GET, HEAD, POST, OPTIONS')
    expect(allow('/api/admin/users/u-1')).toBe('PATCH, DELETE, OPTIONS')
    expect(allow('/api/admin/events.csv')).toBe('GET, HEAD, OPTIONS')
  })

  it('keeps the handlers that are HTTP methods, and each API its error style', () => {
    const route = (pathname: string) => {
      const match = table.match(pathname)
      if (match?.kind !== 'route') throw new Error(`no route at ${pathname}`)
      return match.route
    }
    expect(route('/x/y').style).toBe('envelope')
    expect(route('/health').style).toBe('envelope')
    expect(route('/validate/abc').style).toBe('fastapi')
    expect(route('/otp/verify').style).toBe('fastapi')
    expect(route('/otp/abc').style).toBe('fastapi')
    expect(route('/api/admin/events.csv').style).toBe('app')
    expect(route('/api/admin/users/u-1').style).toBe('app')
    expect(route('/api/admin/events.csv').handlers).toEqual({ GET: modules.eventsCsv.GET })
    expect(route('/x/y').handlers).toEqual({ GET: modules.seed004.GET, POST: modules.seed004.POST })
  })
})

describe('toRouterPath', () => {
  it('turns dynamic segments into params and catch-alls into a wildcard', () => {
    expect(toRouterPath('/otp/[user_id]')).toBe('/otp/:user_id')
    expect(toRouterPath('/[uuid]/[otp]')).toBe('/:uuid/:otp')
    expect(toRouterPath('/docs/[...slug]')).toBe('/docs/*')
    expect(toRouterPath('/docs/[[...slug]]')).toBe('/docs/*')
    expect(toRouterPath('/')).toBe('/')
  })

  it('leaves route groups out of the URL', () => {
    expect(toRouterPath('/(admin)/admin/users')).toBe('/admin/users')
    expect(toRouterPath('/(site)/(inner)/login')).toBe('/login')
    expect(toRouterPath('/(site)')).toBe('/')
  })

  it("escapes a literal ':' and refuses private folders", () => {
    expect(toRouterPath('/a:b')).toBe('/a::b')
    expect(() => toRouterPath('/_private/route')).toThrow(/private folder/)
  })

  it('matches a catch-all route under its static prefix', () => {
    const docs = createRouteTable([route('/docs/[...slug]', { GET: handler() }), route('/docs/intro', { GET: handler() })])
    expect(docs.match('/docs/intro')).toMatchObject({ kind: 'route', route: { path: '/docs/intro' } })
    expect(docs.match('/docs/a/b')).toMatchObject({ kind: 'route', route: { path: '/docs/[...slug]' }, params: { '*': 'a/b' } })
  })
})
