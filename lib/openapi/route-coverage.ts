// Holds the OpenAPI document to the app's real routes (used by the tests): every route handler
// file under app/ must be documented, every documented operation must have a handler, and the
// request schemas in the document must be ones the handler can reach through its imports.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import type { HttpMethod, OperationDoc } from './types'

export interface AppRoute {
  /** OpenAPI-style path: `app/otp/[user_id]/route.ts` → `/otp/{user_id}`. */
  path: string
  methods: HttpMethod[]
  file: string
}

const exportedMethod =
  /export\s+(?:const|let|var|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b|export\s*\{([^}]*)\}/g

/** The HTTP methods a route file exports, read from its source (importing it would run it). */
export function exportedMethods(source: string): HttpMethod[] {
  const methods = new Set<HttpMethod>()
  for (const match of source.matchAll(exportedMethod)) {
    if (match[1]) methods.add(match[1].toLowerCase() as HttpMethod)
    for (const part of match[2]?.split(',') ?? []) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim()
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
  const documented = new Set(
    options.operations.map((op) => `${op.method.toUpperCase()} ${op.servedBy ?? op.path}`),
  )
  return {
    undocumented: [...served].filter((key) => !documented.has(key) && !options.exempt.includes(key.split(' ')[1]!)),
    unserved: [...documented].filter((key) => !served.has(key)),
  }
}

const importSpecifier = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g

function resolveModule(root: string, fromFile: string, specifier: string): string | null {
  let base: string
  if (specifier.startsWith('@/')) base = join(root, specifier.slice(2))
  else if (specifier.startsWith('.')) base = join(dirname(fromFile), specifier)
  else return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return null
}

/**
 * Every project module a file reaches through static imports, itself included. Generated code is
 * skipped (it holds no request schemas and is large), and so is the documentation itself: it
 * imports every API's schemas, which says nothing about what a handler uses.
 */
export function reachableModules(root: string, entry: string): string[] {
  const documentation = join(root, 'lib', 'openapi') + sep
  const seen = new Set<string>([entry])
  const queue = [entry]
  while (queue.length) {
    const file = queue.shift()!
    const source = readFileSync(file, 'utf8')
    for (const match of source.matchAll(importSpecifier)) {
      const resolved = resolveModule(root, file, (match[1] ?? match[2] ?? match[3])!)
      if (!resolved || seen.has(resolved) || resolved.includes(`${sep}generated${sep}`)) continue
      if (resolved.startsWith(documentation)) continue
      if (!/\.(ts|tsx)$/.test(resolved)) continue
      seen.add(resolved)
      queue.push(resolved)
    }
  }
  return [...seen]
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
