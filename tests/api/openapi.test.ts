// /openapi.json against the app itself: a valid OpenAPI 3.1 document, every route handler in it,
// its request schemas the handlers' own, its examples true to its schemas; /docs and /redoc pages
// that load nothing from elsewhere.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createConfig, lintFromString } from '@redocly/openapi-core'
import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { GET as getAsset } from '@/app/docs/assets/[file]/route'
import { GET as getSwaggerUi } from '@/app/docs/route'
import { GET as getDocument } from '@/app/openapi.json/route'
import { GET as getRedoc } from '@/app/redoc/route'
import { openApiDocument, operations, undocumentedRoutes } from '@/lib/openapi'
import { docsContentSecurityPolicy } from '@/lib/openapi/pages'
import {
  checkCoverage,
  listAppRoutes,
  loadDeclaredOperations,
  requestSchemas,
  securitySchemesOf,
  type DeclaredOperation,
} from '@/lib/openapi/route-coverage'
import { proxy } from '@/proxy'

const root = fileURLToPath(new URL('../..', import.meta.url))
const appDir = join(root, 'app')
const noParams = { params: Promise.resolve({}) }

describe('GET /openapi.json', () => {
  it('serves the generated document as JSON', async () => {
    const response = await getDocument(new Request('http://localhost/openapi.json'), noParams)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const body = await response.json()
    expect(body).toEqual(JSON.parse(JSON.stringify(openApiDocument())))
    expect(body.openapi).toBe('3.1.0')
  })

  it('is a valid OpenAPI 3.1 document (Redocly’s recommended rules)', async () => {
    const config = await createConfig({
      extends: ['recommended'],
      // /health and /openapi.json have no 4xx answer; the project has no licence to name. Request
      // objects may carry more keys than they list (seed 004 binds a whole body to its code).
      rules: {
        'operation-4xx-response': 'off',
        'info-license': 'off',
        'no-invalid-media-type-examples': { severity: 'error', allowAdditionalProperties: true },
      },
    })
    const problems = await lintFromString({
      source: JSON.stringify(openApiDocument()),
      absoluteRef: 'http://localhost/openapi.json',
      config,
    })
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([])
  })
})

describe('the document covers the app', () => {
  const routes = listAppRoutes(appDir)

  it('finds the route handlers (guards the walk itself)', () => {
    expect(routes.map((route) => route.path)).toEqual(expect.arrayContaining(['/health', '/otp/{user_id}', '/openapi.json']))
  })

  it('documents every route handler, and only served operations', () => {
    const report = checkCoverage({ routes, operations, exempt: undocumentedRoutes.map((route) => route.path) })
    expect(report).toEqual({ undocumented: [], unserved: [] })
  })

  it('documents POST / at the route proxy.ts rewrites it to', async () => {
    const response = proxy(new NextRequest('http://localhost/', { method: 'POST' }))
    const rewrite = new URL(response.headers.get('x-middleware-rewrite')!)
    const generate = operations.find((operation) => operation.method === 'post' && operation.path === '/')
    expect(generate?.servedBy).toBe(rewrite.pathname)
  })

  it('lists each path parameter of a path template exactly once', () => {
    for (const operation of operations) {
      const inPath = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort()
      const declared = Object.keys(operation.params?.shape ?? {}).sort()
      expect(declared, `${operation.method.toUpperCase()} ${operation.path}`).toEqual(inPath)
    }
  })
})

describe('the handlers’ declarations (lib/http/route.ts)', async () => {
  const declared = await loadDeclaredOperations(appDir)
  const declarationOf = (operation: (typeof operations)[number]): DeclaredOperation | undefined =>
    declared.find((d) => d.method === operation.method && d.path === (operation.servedBy ?? operation.path))

  it('declare every exported handler', () => {
    expect(declared.length).toBeGreaterThan(30)
    expect(declared.filter((d) => !d.declaration).map((d) => `${d.method.toUpperCase()} ${d.path}`)).toEqual([])
  })

  for (const operation of operations) {
    const label = `${operation.method.toUpperCase()} ${operation.path}`
    it(`${label}: the documented request schemas, callers and answers are the declaration’s`, () => {
      const declaration = declarationOf(operation)?.declaration
      expect(declaration, `no declared handler for ${label}`).toBeDefined()
      for (const { part, schema } of requestSchemas(operation).enforced) {
        expect(declaration![part], `${label}: the ${part} schema is not the one the handler parses with`).toBe(schema)
      }
      expect([...operation.security].sort(), `${label}: security schemes are the callers the handler allows`).toEqual(
        securitySchemesOf(declaration!),
      )
      const statuses = Object.keys(operation.responses).map(Number)
      if (declaration!.rateLimit) expect(statuses, `${label} is rate limited: document 429`).toContain(429)
      if (declaration!.allow?.length) expect(statuses, `${label} checks credentials: document 401`).toContain(401)
    })
  }
})

describe('examples agree with their schemas', () => {
  for (const operation of operations) {
    const label = `${operation.method.toUpperCase()} ${operation.path}`
    const cases: { where: string; schema: z.ZodType; value: unknown }[] = []
    for (const [name, example] of Object.entries(operation.body?.examples ?? {})) {
      cases.push({ where: `request example ${name}`, schema: operation.body!.schema, value: example.value })
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!response.schema) continue
      for (const [name, example] of Object.entries(response.examples ?? {})) {
        cases.push({ where: `${status} example ${name}`, schema: response.schema, value: example.value })
      }
    }
    if (cases.length === 0) continue
    it(label, () => {
      for (const { where, schema, value } of cases) {
        const result = schema.safeParse(value)
        expect(result.success, `${label} ${where}: ${result.error?.message}`).toBe(true)
      }
    })
  }

  it('documents every answer with an example body', () => {
    const bare = operations.flatMap((operation) =>
      Object.entries(operation.responses)
        .filter(([, response]) => !response.examples || Object.keys(response.examples).length === 0)
        .map(([status]) => `${operation.method.toUpperCase()} ${operation.path} ${status}`),
    )
    expect(bare).toEqual([])
  })
})

describe('GET /docs and /redoc', () => {
  const pages = [
    { path: '/docs', get: getSwaggerUi, title: 'QR Door API · Swagger UI', scripts: ['swagger-ui-bundle.js', 'swagger-initializer.js'] },
    { path: '/redoc', get: getRedoc, title: 'QR Door API · Redoc', scripts: ['redoc.standalone.js'] },
  ]
  for (const page of pages) {
    it(`${page.path} is a titled page that loads only this app’s files, under a strict CSP`, async () => {
      const response = await page.get(new Request(`http://localhost${page.path}`), { params: Promise.resolve({}) })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(docsContentSecurityPolicy)
      const html = await response.text()
      expect(html).toContain(`<title>${page.title}</title>`)
      const references = [...html.matchAll(/(?:src|href|spec-url)="([^"]+)"/g)].map((match) => match[1]!)
      expect(references.filter((url) => !url.startsWith('/'))).toEqual([])
      expect(html).not.toMatch(/<script>(?!<\/script>)/)
      for (const script of page.scripts) expect(references).toContain(`/docs/assets/${script}`)
      for (const reference of references.filter((url) => url.startsWith('/docs/assets/'))) {
        const file = reference.slice('/docs/assets/'.length)
        const asset = await getAsset(new Request(`http://localhost${reference}`), { params: Promise.resolve({ file }) })
        expect(asset.status, reference).toBe(200)
      }
    })
  }

  it('serves the UI bundles from node_modules with their types and a validator', async () => {
    const request = (file: string, headers?: HeadersInit) =>
      getAsset(new Request(`http://localhost/docs/assets/${file}`, { headers }), { params: Promise.resolve({ file }) })
    const bundle = await request('redoc.standalone.js')
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const redoc = await bundle.text()
    expect(redoc.length).toBeGreaterThan(500_000)
    // Its only call out of the page, the Redocly logo, is replaced as the file is served.
    expect(redoc).not.toContain('cdn.redoc.ly')
    expect(redoc).toContain('alt:"redocly logo"')
    const css = await request('swagger-ui.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    const etag = css.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]{22}"$/)
    expect((await request('swagger-ui.css', { 'If-None-Match': etag })).status).toBe(304)
  })

  it('answers 404 for any other file name, including a path out of the folder', async () => {
    for (const file of ['index.html', '../package.json', '..%2F..%2Fpackage.json', 'swagger-ui.js.map']) {
      const response = await getAsset(new Request('http://localhost/docs/assets/x'), { params: Promise.resolve({ file }) })
      expect(response.status, file).toBe(404)
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
    }
  })
})
