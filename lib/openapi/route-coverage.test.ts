import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkCoverage, exportedMethods, listAppRoutes, securitySchemesOf } from './route-coverage'
import type { OperationDoc } from './types'

const root = mkdtempSync(join(tmpdir(), 'qr-door-routes-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function write(path: string, source: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), source)
}

write('app/health/route.ts', 'export async function GET() {}')
write('app/otp/[user_id]/route.ts', "import { a } from '@/lib/schemas'\nexport const GET = handler(a)")
write('app/(internal)/seed-004/route.ts', 'const POST = 1\nexport { POST, helper as PUT }')
write('app/[uuid]/[otp]/route.ts', "export const GET = 1\nexport const dynamic = 'force-dynamic'")
write('app/page.tsx', 'export default function Page() {}')
write('lib/schemas.ts', "import { b } from './inner'\nexport const a = b")
write('lib/inner/index.ts', "import { z } from 'zod'\nexport const b = z.string()")
write('lib/unrelated.ts', 'export const c = 1')
write('app/openapi.json/route.ts', "import { doc } from '@/lib/openapi'\nexport const GET = doc")
write('lib/openapi/index.ts', "import { c } from '../unrelated'\nexport const doc = c")

const op = (method: OperationDoc['method'], path: string, servedBy?: string): OperationDoc => ({
  operationId: `${method}${path}`,
  method,
  path,
  servedBy,
  tag: 'service',
  summary: 's',
  security: [],
  responses: {},
})

describe('listAppRoutes', () => {
  it('finds every route file with its path and exported methods', () => {
    expect(listAppRoutes(join(root, 'app')).map(({ path, methods }) => ({ path, methods }))).toEqual([
      { path: '/seed-004', methods: ['post', 'put'] },
      { path: '/{uuid}/{otp}', methods: ['get'] },
      { path: '/health', methods: ['get'] },
      { path: '/openapi.json', methods: ['get'] },
      { path: '/otp/{user_id}', methods: ['get'] },
    ])
  })

  it('reads method exports in their usual forms and ignores other exports', () => {
    expect(exportedMethods('export const GET = a; export async function POST() {}; export const dynamic = 1')).toEqual(['get', 'post'])
    expect(exportedMethods('export { handler as DELETE, GETTER }')).toEqual(['delete'])
  })
})

describe('checkCoverage', () => {
  const routes = listAppRoutes(join(root, 'app'))
  const complete = [
    op('get', '/health'),
    op('get', '/openapi.json'),
    op('get', '/otp/{user_id}'),
    op('post', '/', '/seed-004'),
    op('put', '/', '/seed-004'),
    op('get', '/{uuid}/{otp}'),
  ]

  it('passes when every handler is documented and every operation served', () => {
    expect(checkCoverage({ routes, operations: complete, exempt: [] })).toEqual({ undocumented: [], unserved: [] })
  })

  it('names a handler without documentation and documentation without a handler', () => {
    const operations = [...complete.filter((o) => o.path !== '/health'), op('post', '/otp/verify')]
    expect(checkCoverage({ routes, operations, exempt: [] })).toEqual({
      undocumented: ['GET /health'],
      unserved: ['POST /otp/verify'],
    })
  })

  it('lets exempt paths stay out of the document', () => {
    const operations = complete.filter((o) => o.path !== '/health')
    expect(checkCoverage({ routes, operations, exempt: ['/health'] }).undocumented).toEqual([])
  })
})

describe('securitySchemesOf', () => {
  it('names the document’s scheme for each caller kind a route allows', () => {
    expect(securitySchemesOf({ style: 'app' })).toEqual([])
    expect(securitySchemesOf({ style: 'app', allow: ['kiosk', 'api'] })).toEqual(['apiKey', 'kioskToken'])
    expect(securitySchemesOf({ style: 'app', allow: ['user', 'admin'] })).toEqual(['session'])
  })
})
