// The production dispatcher's route table: every app/**/route.ts (served here) and page (handed to
// Next), matched with find-my-way, Fastify's router, whose precedence is Next's: static segments
// before dynamic ones (`/otp/verify` before `/otp/[user_id]`, `/health` and `/admin/users` before
// `/[uuid]/[otp]`), dynamic before catch-all. scripts/build-dispatch.mjs builds the entries from
// the app folder at build time.
import FindMyWay from 'find-my-way'
import type { ApiStyle } from '@/lib/http/styles'

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

export type RouteHandler = ((request: Request, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>) & {
  apiStyle?: ApiStyle
}

/** A route.ts module: its exports, of which the HTTP method names are handlers. */
export type RouteModule = Partial<Record<HttpMethod, RouteHandler>> & Record<string, unknown>

export type RouteEntry = { kind: 'route'; path: string; module: RouteModule } | { kind: 'page'; path: string }

export interface ApiRoute {
  kind: 'route'
  /** The app folder's pattern, e.g. `/validate/[string]`. */
  path: string
  handlers: Partial<Record<HttpMethod, RouteHandler>>
  /** What an unsupported method is told, as Next's OPTIONS answer does. */
  allow: string
  /** The error style of the route's API, for the errors the dispatcher answers itself. */
  style: ApiStyle
}

export type RouteMatch = { kind: 'route'; route: ApiRoute; params: Record<string, string> } | { kind: 'page' } | null

/** Turns an app folder path into find-my-way's syntax; route groups and private folders are not URL segments. */
export function toRouterPath(appPath: string): string {
  const segments = appPath
    .split('/')
    .filter((segment) => segment !== '' && !/^\(.*\)$/.test(segment))
    .map((segment) => {
      if (/^\[\[?\.\.\.[^\]]+\]\]?$/.test(segment)) return '*'
      const dynamic = segment.match(/^\[([^\]]+)\]$/)
      if (dynamic) return `:${dynamic[1]}`
      if (segment.startsWith('_')) throw new Error(`private folder ${segment} in a route path: ${appPath}`)
      return segment.replaceAll(':', '::')
    })
  return '/' + segments.join('/')
}

function toApiRoute(path: string, module: RouteModule): ApiRoute {
  const handlers: ApiRoute['handlers'] = {}
  for (const method of HTTP_METHODS) {
    const handler = module[method]
    if (typeof handler === 'function') handlers[method] = handler
  }
  // Like Next: HEAD is served by GET, OPTIONS answers itself.
  const allowed = new Set<string>(Object.keys(handlers))
  if (allowed.has('GET')) allowed.add('HEAD')
  allowed.add('OPTIONS')
  const style = Object.values(handlers).find((handler) => handler.apiStyle)?.apiStyle ?? 'app'
  return { kind: 'route', path, handlers, allow: HTTP_METHODS.filter((m) => allowed.has(m)).join(', '), style }
}

export function createRouteTable(entries: RouteEntry[]) {
  // Lookups are by path alone, as Next picks a route file before looking at the method (a POST-only
  // static route answers GET with 405 rather than falling through to a dynamic one).
  const router = FindMyWay<FindMyWay.HTTPVersion.V1>({ ignoreTrailingSlash: false, caseSensitive: true })
  for (const entry of entries) {
    const store = entry.kind === 'route' ? toApiRoute(entry.path, entry.module) : { kind: 'page' as const }
    router.on('GET', toRouterPath(entry.path), () => {}, store)
  }
  return {
    /** The route or page for a path (without the query), its params decoded; null when nothing matches. */
    match(pathname: string): RouteMatch {
      const found = router.find('GET', pathname)
      if (!found) return null
      const store = found.store as ApiRoute | { kind: 'page' }
      if (store.kind === 'page') return { kind: 'page' }
      const params = { ...(found.params as Record<string, string>) }
      // find-my-way lets a dynamic segment be empty (`/otp/`, `//y`); Next never does.
      if (Object.values(params).some((value) => value === '')) return null
      return { kind: 'route', route: store, params }
    },
  }
}

export type RouteTable = ReturnType<typeof createRouteTable>
