// Next drops the body of GET requests; scripts/server.mjs moves it into a header (base64) so that
// seed 004's GET /{uuid}/{otp} can read its optional JSON body, or marks it as too large. The
// server removes both headers from every incoming request first, so only that server sets them.
export const GET_BODY_HEADER = 'x-qrdoor-get-body'
export const GET_BODY_TOO_LARGE_HEADER = 'x-qrdoor-get-body-too-large'
