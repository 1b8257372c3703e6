// Next drops the body of GET requests; scripts/server.mjs moves it into this header (base64) so
// that seed 004's GET /{uuid}/{otp} can read its optional JSON body. The server removes the header
// from every incoming request first, so only that server sets it.
export const GET_BODY_HEADER = 'x-qrdoor-get-body'

/** The request body as text, including a GET body passed on by scripts/server.mjs. */
export async function readBodyText(request: Request): Promise<string> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    const forwarded = request.headers.get(GET_BODY_HEADER)
    return forwarded ? Buffer.from(forwarded, 'base64').toString('utf8') : ''
  }
  return request.body ? request.text() : ''
}
