// GET /openapi.json — the OpenAPI 3.1 document, generated from the handlers' zod schemas.
import { route } from '@/lib/http/route'
import { json } from '@/lib/http/styles'
import { openApiDocument } from '@/lib/openapi'

export const GET = route({ style: 'app' }, () => json(openApiDocument()))
