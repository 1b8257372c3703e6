// The guest's link, `<origin>/g/<token>`, the origin from lib/http/origin.ts.
export function guestLink(origin: string, token: string): string {
  return `${origin}/g/${token}`
}
