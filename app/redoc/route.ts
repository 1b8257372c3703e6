// GET /redoc — Redoc over /openapi.json, from the app's own copy of redoc's standalone bundle.
import { route } from '@/lib/http/route'
import { redocPage } from '@/lib/openapi/pages'

export const GET = route({ style: 'app' }, () => redocPage())
