// The two documentation pages. Plain HTML from route handlers rather than React pages: both UIs
// own the whole document, and a page of our own would only add the app's scripts to it.
import { ApiError } from '@/lib/http/errors'
import { isDocsAssetName, loadDocsAsset } from './assets'

const assetBase = '/docs/assets'

/**
 * Everything comes from this origin. Inline styles are allowed because both UIs set them at run
 * time (Redoc through styled-components); Redoc's search runs in a worker it starts from a blob.
 */
export const docsContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const pageHeaders = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': docsContentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
}

function page(options: { title: string; head: string; body: string }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" type="image/png" href="${assetBase}/favicon-32x32.png">
${options.head}
</head>
<body>
<noscript>This page needs JavaScript. The OpenAPI document itself is at <a href="/openapi.json">/openapi.json</a>.</noscript>
${options.body}
</body>
</html>
`
}

export function swaggerUiPage(): Response {
  const html = page({
    title: 'QR Door API · Swagger UI',
    head: `<link rel="stylesheet" href="${assetBase}/swagger-ui.css">`,
    body: `<div id="swagger-ui"></div>
<script src="${assetBase}/swagger-ui-bundle.js"></script>
<script src="${assetBase}/swagger-initializer.js"></script>`,
  })
  return new Response(html, { headers: pageHeaders })
}

export function redocPage(): Response {
  // Redoc's standalone bundle starts itself on a <redoc spec-url> element: no inline script needed.
  const html = page({
    title: 'QR Door API · Redoc',
    head: '<style>body { margin: 0; padding: 0; }</style>',
    body: `<redoc spec-url="/openapi.json" hide-hostname="true" path-in-middle-panel="true"></redoc>
<script src="${assetBase}/redoc.standalone.js"></script>`,
  })
  return new Response(html, { headers: pageHeaders })
}

export async function docsAssetResponse(request: Request, name: string): Promise<Response> {
  if (!isDocsAssetName(name)) throw new ApiError('not_found', 'No such documentation file')
  const asset = await loadDocsAsset(name)
  const headers = {
    'Content-Type': asset.contentType,
    ETag: asset.etag,
    'Cache-Control': 'public, max-age=3600, must-revalidate',
    'X-Content-Type-Options': 'nosniff',
  }
  if (request.headers.get('if-none-match') === asset.etag) return new Response(null, { status: 304, headers })
  return new Response(asset.body, { headers })
}
