// One text for equal JSON values, so that strict_validation compares what was sent, not how it was
// formatted: object keys sorted, no whitespace, numbers and strings as JSON.stringify writes them.

/** Deeper values are refused: nothing real nests this far, and recursion must stay bounded. */
export const MAX_JSON_DEPTH = 64

export class JsonTooDeepError extends Error {
  constructor() {
    super(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`)
    this.name = 'JsonTooDeepError'
  }
}

function canonical(value: unknown, depth: number): string {
  if (depth > MAX_JSON_DEPTH) throw new JsonTooDeepError()
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, depth + 1)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonical(item, depth + 1)}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value)
}

/** The canonical text of a value that came from JSON.parse. */
export function canonicalJson(value: unknown): string {
  return canonical(value, 0)
}
