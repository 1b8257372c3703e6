// GET /openapi.json — the OpenAPI 3.1 document, generated from the handlers' zod schemas.
import { apiHandler } from '@/lib/http/handler'
import { json } from '@/lib/http/styles'
import { openApiDocument } from '@/lib/openapi'

export const GET = apiHandler('app', async () => json(openApiDocument()))
