// Builds the production dispatcher's bundle (.next/qr-door/dispatch.mjs, decision 0010): the route
// table of every app/**/route.ts and page, found in the app folder, and the handlers themselves,
// bundled with esbuild (node_modules stay external, so pg, better-sqlite3 and Prisma's runtime
// load from node_modules as they do for Next).
import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

const root = join(fileURLToPath(import.meta.url), '../..')
export const dispatchBundle = join(root, '.next/qr-door/dispatch.mjs')

/** Every route.ts and page.tsx under app/, as `{ kind, file, path }` with the app folder's URL pattern. */
export function findAppEntries(appDir = join(root, 'app')) {
  const entries = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) {
        // Private folders (`_lib`) and parallel-route slots (`@x`) are not URL segments of their own.
        if (!entry.name.startsWith('_') && !entry.name.startsWith('@')) walk(full)
        continue
      }
      const kind = /^route\.(ts|js)$/.test(entry.name) ? 'route' : /^page\.(tsx|ts|jsx|js)$/.test(entry.name) ? 'page' : null
      if (!kind) continue
      const folder = relative(appDir, dir).split(sep).filter(Boolean)
      entries.push({ kind, file: full, path: '/' + folder.join('/') })
    }
  }
  walk(appDir)
  return entries
}

export function buildDispatch() {
  const entries = findAppEntries()
  const routes = entries.filter((entry) => entry.kind === 'route')
  const source = [
    ...routes.map(
      (route, index) => `import * as route${index} from ${JSON.stringify('./' + relative(root, route.file).split(sep).join('/'))}`,
    ),
    `import { createDispatcher } from './lib/dispatch/dispatch'`,
    `export const entries = [`,
    ...entries.map((entry) =>
      entry.kind === 'route'
        ? `  { kind: 'route', path: ${JSON.stringify(entry.path)}, module: route${routes.indexOf(entry)} },`
        : `  { kind: 'page', path: ${JSON.stringify(entry.path)} },`,
    ),
    `]`,
    `export const dispatch = createDispatcher(entries)`,
  ].join('\n')
  buildSync({
    stdin: { contents: source, resolveDir: root, sourcefile: 'dispatch-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // `server-only` inlined as its empty module: left external, Node would load its default export, which throws.
    alias: { 'server-only': join(root, 'node_modules/server-only/empty.js') },
    tsconfig: join(root, 'tsconfig.json'),
    outfile: dispatchBundle,
    sourcemap: true,
    logLevel: 'warning',
  })
  return entries
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entries = buildDispatch()
  console.log(
    `qr-door: dispatcher built (${entries.filter((e) => e.kind === 'route').length} routes, ${entries.filter((e) => e.kind === 'page').length} pages)`,
  )
}
