// GET /docs/assets/{file} — the Swagger UI and Redoc browser files, read from node_modules.
import { pathParams, route } from '@/lib/http/route'
import { docsAssetResponse } from '@/lib/openapi/pages'

export const GET = route({ style: 'app', params: pathParams('file') }, ({ request, input }) =>
  docsAssetResponse(request, input.params.file),
)
