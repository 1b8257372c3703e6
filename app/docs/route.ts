// GET /docs — Swagger UI over /openapi.json, from the app's own copy of swagger-ui-dist.
import { route } from '@/lib/http/route'
import { swaggerUiPage } from '@/lib/openapi/pages'

export const GET = route({ style: 'app' }, () => swaggerUiPage())
