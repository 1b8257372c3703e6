// The one way to write an API route (each route.ts under app/): a declaration of who may call, the per-IP
// limit, the schemas of the path, query and body, and then the handler, which receives the caller
// narrowed to the kinds allowed and the parsed input. The order is fixed here, for every route:
// count the request (before authenticating, so that guessing credentials is limited too), then
// authenticate, then parse, then handle; every error becomes a response in the route's API style.
// The declaration stays on the exported handler, so the dispatcher reads its style and the OpenAPI
// coverage test reads its schemas (lib/openapi/route-coverage.ts).
import { z } from 'zod'
import type { Caller, CallerKind } from '@/lib/auth/authenticate'
import { refuseCrossSiteChange } from '@/lib/auth/csrf'
import { db } from '@/lib/db'
import type { RateLimitRule } from '@/lib/rate-limit'
import { parseWith, readJson } from './body'
import { ApiError } from './errors'
import { guardRequest, limitRequest } from './guard'
import { apiHandler, type ApiRouteHandler } from './handler'
import { refuseNul } from './nul'
import { parseQuery } from './query'
import type { ApiStyle } from './styles'

/** The caller a handler gets for the kinds it allows: 'admin' is a signed-in user with that role. */
export type CallerFor<K extends CallerKind> = Extract<Caller, { kind: K extends 'admin' ? 'user' : K }>

type Parsed<S, Otherwise> = S extends z.ZodType ? z.output<S> : Otherwise

export interface RouteDeclaration<
  A extends readonly CallerKind[] = readonly CallerKind[],
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  /** How its errors look (lib/http/styles.ts). */
  style: ApiStyle
  /** Who may call. Left out, anyone may, and no credential is looked at. */
  allow?: A
  /** The per-IP limit each request counts against first. Left out, none: the handler counts its own. */
  rateLimit?: RateLimitRule
  /**
   * Refuse cross-site requests that change something without a cookie (sign-in: a cross-site form
   * could sign a victim in to the attacker's account). Cookie callers are always checked.
   */
  sameOrigin?: boolean
  /** Path parameters; `pathParams(...)` when the handler checks them itself. */
  params?: P
  query?: Q
  body?: B
  /** The status of a body that does not match `body`, in the app style: 400 or (the default) 422. */
  invalidBody?: 'bad_request' | 'unprocessable'
  /** Turns the errors of this route's steps into its API's own shape (seed 003's rate-limit answer). */
  mapError?: (error: ApiError) => ApiError
}

export interface HandlerContext<A extends readonly CallerKind[], P, Q, B> {
  request: Request
  /** Null when the route allows anyone. */
  caller: A[number] extends never ? null : CallerFor<A[number]>
  input: {
    params: Parsed<P, Record<string, string>>
    query: Parsed<Q, undefined>
    body: Parsed<B, undefined>
  }
  now: Date
}

/** A route handler with its declaration, as each route.ts under app/ exports it. */
export type DeclaredRoute = ApiRouteHandler<Record<string, string>> & { readonly declaration: RouteDeclaration }

/** Path parameters the handler checks itself (its API answers a bad one in its own way): plain strings. */
export function pathParams<const N extends string>(...names: N[]) {
  return z.object(Object.fromEntries(names.map((name) => [name, z.string()])) as Record<N, z.ZodString>)
}

export function route<
  const A extends readonly CallerKind[] = readonly [],
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(declaration: RouteDeclaration<A, P, Q, B>, handle: (context: HandlerContext<A, P, Q, B>) => Promise<Response> | Response): DeclaredRoute {
  const { style, allow, rateLimit, mapError } = declaration
  if (declaration.body && style === 'envelope') {
    throw new Error('Seed 004 reads its own bodies (lib/otp/api/seed004.ts): declare no body schema')
  }
  const handler = apiHandler<Record<string, string>>(style, async (request, context) => {
    const now = new Date()
    try {
      let caller: Caller | null = null
      if (allow && allow.length > 0) {
        if (!rateLimit) throw new Error('An authenticated route needs a rate limit: guessing credentials must be limited')
        caller = await guardRequest({ db, request, now, rateLimit, allow })
      } else if (rateLimit) {
        await limitRequest({ db, request, now, rateLimit })
      }
      if (declaration.sameOrigin) refuseCrossSiteChange(request)
      const params = await context.params
      refuseNul(params)
      if (request.url.includes('%00')) refuseNul(Object.fromEntries(new URL(request.url).searchParams))
      const input = {
        params: await parseParams(style, declaration.params, params),
        query: declaration.query ? parseQuery(request, declaration.query) : undefined,
        body: declaration.body ? await parseBody(style, declaration.body, request, declaration.invalidBody) : undefined,
      }
      return await handle({ request, caller, input, now } as HandlerContext<A, P, Q, B>)
    } catch (error) {
      if (mapError && error instanceof ApiError) throw mapError(error)
      throw error
    }
  })
  return Object.assign(handler, { declaration: declaration as RouteDeclaration })
}

async function parseParams(style: ApiStyle, schema: z.ZodType | undefined, params: Record<string, string>) {
  if (!schema) return params
  const result = schema.safeParse(params)
  if (result.success) return result.data
  if (style === 'fastapi') {
    // FastAPI answered an invalid path parameter with 422 and `loc: ["path", …]`.
    throw new ApiError('unprocessable', 'Invalid path parameter', {
      detail: result.error.issues.map((issue) => ({
        type: issue.code,
        loc: ['path', ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
        msg: issue.message,
      })),
    })
  }
  return parseWith(schema, params, 'bad_request')
}

async function parseBody(style: ApiStyle, schema: z.ZodType, request: Request, invalid: 'bad_request' | 'unprocessable' = 'unprocessable') {
  if (style !== 'fastapi') return parseWith(schema, nulFree(await readJson(request)), invalid)
  try {
    return parseWith(schema, nulFree(await readJson(request)))
  } catch (error) {
    // FastAPI answers JSON it cannot decode with 422 and a `json_invalid` entry, like any other
    // schema violation, so the seeds' clients see one shape.
    if (error instanceof ApiError && error.code === 'invalid_json') {
      throw new ApiError('unprocessable', 'JSON decode error', {
        detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' }],
      })
    }
    throw error
  }
}

function nulFree<T>(value: T): T {
  refuseNul(value)
  return value
}
