// GET /redoc — Redoc over /openapi.json, from the app's own copy of redoc's standalone bundle.
import { redocPage } from '@/lib/openapi/pages'

export function GET() {
  return redocPage()
}
