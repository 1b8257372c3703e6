import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { GET } from '@/app/health/route'
import { createDb } from '@/lib/db/client'
import { checkHealth } from '@/lib/health/check-health'
import { dbTarget } from '@/lib/db'

const noParams = { params: Promise.resolve({}) }

describe('GET /health', () => {
  it('answers SERVICE_HEALTH with the database status', async () => {
    const response = await GET(new Request('http://localhost/health'), noParams)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      status: 200,
      message: 'SERVICE_HEALTH',
      info: { database_status: 'OK', database: dbTarget.dialect },
    })
  })

  it('reports a database that cannot be reached', async () => {
    const unreachable =
      dbTarget.dialect === 'sqlite'
        ? createDb('file:' + tmpdir())
        : createDb('postgresql://postgres@127.0.0.1:1/none')
    const report = await checkHealth({ db: unreachable.db, dialect: unreachable.target.dialect })
    expect(report).toMatchObject({ healthy: false, databaseStatus: 'ERROR' })
  })
})
