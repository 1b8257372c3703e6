// Holds the OpenAPI document to the app's real routes (used by the tests): every route handler
// file under app/ must be documented, every documented operation must have a handler, and what the
// document says of each request (its schemas, who may call, rate limits) must be what the
// handler's declaration (lib/http/route.ts) says.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import type { DeclaredRoute, RouteDeclaration } from '@/lib/http/route'
import type { AuthScheme, HttpMethod, OperationDoc } from './types'

export interface AppRoute {
  /** OpenAPI-style path: `app/otp/[user_id]/route.ts` → `/otp/{user_id}`. */
  path: string
  methods: HttpMethod[]
  file: string
}

const exportedMethod = /export\s+(?:const|let|var|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b|export\s*\{([^}]*)\}/g

/** The HTTP methods a route file exports, read from its source (importing it would run it). */
export function exportedMethods(source: string): HttpMethod[] {
  const methods = new Set<HttpMethod>()
  for (const match of source.matchAll(exportedMethod)) {
    if (match[1]) methods.add(match[1].toLowerCase() as HttpMethod)
    for (const part of match[2]?.split(',') ?? []) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim()
      if (name && /^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) methods.add(name.toLowerCase() as HttpMethod)
    }
  }
  return [...methods].sort()
}

function routeFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) return routeFiles(path)
      return /^route\.(ts|tsx|js|mjs)$/.test(entry) ? [path] : []
    })
}

/** App Router folder names to an OpenAPI path: route groups vanish, `[x]` becomes `{x}`. */
export function routePath(appDir: string, file: string): string {
  const segments = relative(appDir, dirname(file))
    .split(sep)
    .filter((segment) => segment !== '' && !/^\(.*\)$/.test(segment) && !segment.startsWith('@'))
    .map((segment) => segment.replace(/^\[\[?\.{0,3}(.+?)\]?\]$/, '{$1}'))
  return '/' + segments.join('/')
}

export function listAppRoutes(appDir: string): AppRoute[] {
  return routeFiles(appDir).map((file) => ({
    path: routePath(appDir, file),
    methods: exportedMethods(readFileSync(file, 'utf8')),
    file,
  }))
}

export interface CoverageReport {
  /** Handlers with no operation in the document. */
  undocumented: string[]
  /** Operations with no handler. */
  unserved: string[]
}

export function checkCoverage(options: {
  routes: readonly AppRoute[]
  operations: readonly OperationDoc[]
  /** Paths allowed to stay out of the document (the documentation's own pages). */
  exempt: readonly string[]
}): CoverageReport {
  const served = new Set(options.routes.flatMap((route) => route.methods.map((m) => `${m.toUpperCase()} ${route.path}`)))
  const documented = new Set(options.operations.map((op) => `${op.method.toUpperCase()} ${op.servedBy ?? op.path}`))
  return {
    undocumented: [...served].filter((key) => !documented.has(key) && !options.exempt.includes(key.split(' ')[1]!)),
    unserved: [...documented].filter((key) => !served.has(key)),
  }
}

/** One exported handler of a route file, with its declaration (lib/http/route.ts), if it has one. */
export interface DeclaredOperation {
  path: string
  method: HttpMethod
  file: string
  declaration: RouteDeclaration | undefined
}

/** Every exported handler under `appDir`, imported, with the declaration it carries. */
export async function loadDeclaredOperations(appDir: string): Promise<DeclaredOperation[]> {
  const operations: DeclaredOperation[] = []
  for (const route of listAppRoutes(appDir)) {
    const exports = (await import(route.file)) as Record<string, unknown>
    for (const method of route.methods) {
      const handler = exports[method.toUpperCase()] as Partial<DeclaredRoute> | undefined
      operations.push({ path: route.path, method, file: route.file, declaration: handler?.declaration })
    }
  }
  return operations
}

/** The caller kinds a declaration allows, as the document's security schemes. */
export function securitySchemesOf(declaration: RouteDeclaration): AuthScheme[] {
  const schemes = new Set<AuthScheme>()
  for (const kind of declaration.allow ?? []) {
    schemes.add(kind === 'api' ? 'apiKey' : kind === 'kiosk' ? 'kioskToken' : 'session')
  }
  return [...schemes].sort()
}

/** The request schemas an operation documents, by where they appear. */
export function requestSchemas(operation: OperationDoc) {
  const parts = [
    ...(operation.params ? [{ part: 'params' as const, schema: operation.params }] : []),
    ...(operation.query ? [{ part: 'query' as const, schema: operation.query }] : []),
    ...(operation.body ? [{ part: 'body' as const, schema: operation.body.schema }] : []),
  ]
  const describedOnly = operation.describedOnly ?? []
  return {
    /** Parts the handler parses with exactly this schema. */
    enforced: parts.filter((part) => !describedOnly.includes(part.part)),
    describedOnly: parts.filter((part) => describedOnly.includes(part.part)),
  }
}
