// The browser files of Swagger UI and Redoc, served by the app from the installed packages so the
// documentation works offline and behind a strict CSP (see docs/decisions/0005-api-docs-served-by-the-app.md).
// Only the files named here can be fetched: the URL segment is a lookup key, never a path.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

type PackageName = 'swagger-ui-dist' | 'redoc'

type AssetSource =
  | {
      kind: 'package'
      packageName: PackageName
      file: string
      contentType: string
      /** Text replaced in the file as it is served. */
      rewrites?: readonly (readonly [from: string, to: string])[]
    }
  | { kind: 'generated'; body: string; contentType: string }

const javascript = 'text/javascript; charset=utf-8'

// The CSP allows no inline script, so Swagger UI's start-up lives in its own file. Swagger UI's
// default validator badge would call validator.swagger.io: validatorUrl null turns it off.
const swaggerInitializer = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    displayRequestDuration: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  })
})
`

// Redoc's sidebar shows "API docs by Redocly" with a logo it loads from cdn.redoc.ly, and has no
// option to leave it out. An empty SVG in its place keeps the page from calling out (the link stays).
const redoclyLogo = 'https://cdn.redoc.ly/redoc/logo-mini.svg'
const emptySvg = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E'

export const docsAssets = {
  'swagger-ui-bundle.js': { kind: 'package', packageName: 'swagger-ui-dist', file: 'swagger-ui-bundle.js', contentType: javascript },
  'swagger-ui.css': { kind: 'package', packageName: 'swagger-ui-dist', file: 'swagger-ui.css', contentType: 'text/css; charset=utf-8' },
  'favicon-32x32.png': { kind: 'package', packageName: 'swagger-ui-dist', file: 'favicon-32x32.png', contentType: 'image/png' },
  'swagger-initializer.js': { kind: 'generated', body: swaggerInitializer, contentType: javascript },
  'redoc.standalone.js': {
    kind: 'package',
    packageName: 'redoc',
    file: 'bundles/redoc.standalone.js',
    contentType: javascript,
    rewrites: [[redoclyLogo, emptySvg]],
  },
} as const satisfies Record<string, AssetSource>

export type DocsAssetName = keyof typeof docsAssets

export function isDocsAssetName(name: string): name is DocsAssetName {
  return Object.hasOwn(docsAssets, name)
}

export interface LoadedAsset {
  body: Uint8Array<ArrayBuffer>
  contentType: string
  etag: string
}

// The server runs from the project folder, where npm installed the packages. require.resolve would
// not do: route handlers are bundled and their module paths rewritten.
function packageDir(packageName: PackageName) {
  return join(process.cwd(), 'node_modules', packageName)
}

function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength)
}

async function load(name: DocsAssetName): Promise<LoadedAsset> {
  const source: AssetSource = docsAssets[name]
  let body: Buffer
  if (source.kind === 'generated') {
    body = Buffer.from(source.body)
  } else {
    // Not a file of the build: keeps Turbopack from tracing the whole project for this read.
    body = await readFile(/* turbopackIgnore: true */ join(packageDir(source.packageName), source.file))
    if (source.rewrites?.length) {
      let text = body.toString('utf8')
      for (const [from, to] of source.rewrites) text = text.replaceAll(from, to)
      body = Buffer.from(text)
    }
  }
  // From the bytes served, so an upgrade or a changed rewrite is never answered "not modified".
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`
  return { body: bytes(body), contentType: source.contentType, etag }
}

const cache = new Map<DocsAssetName, Promise<LoadedAsset>>()

/** Reads an asset once per process; a failed read is not kept, so a later request retries. */
export function loadDocsAsset(name: DocsAssetName): Promise<LoadedAsset> {
  let pending = cache.get(name)
  if (!pending) {
    pending = load(name)
    cache.set(name, pending)
    pending.catch(() => cache.delete(name))
  }
  return pending
}
