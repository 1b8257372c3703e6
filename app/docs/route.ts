// GET /docs — Swagger UI over /openapi.json, from the app's own copy of swagger-ui-dist.
import { swaggerUiPage } from '@/lib/openapi/pages'

export function GET() {
  return swaggerUiPage()
}
