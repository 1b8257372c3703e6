// GET /docs/assets/{file} — the Swagger UI and Redoc browser files, read from node_modules.
import { apiHandler } from '@/lib/http/handler'
import { docsAssetResponse } from '@/lib/openapi/pages'

export const GET = apiHandler<{ file: string }>('app', async (request, { params }) =>
  docsAssetResponse(request, (await params).file),
)
