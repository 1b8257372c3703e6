// Seed 004's README verifies with `GET /{uuid}/{otp}` and a JSON body (strict_validation). Browsers
// cannot send that, and Next drops GET bodies, so this goes through the real server with node:http.
import { request as httpRequest } from 'node:http'
import { expect, test } from '@playwright/test'
import { e2eAdminApiKey, e2eBaseUrl } from './config'

function getWithBody(path: string, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      `${e2eBaseUrl}${path}`,
      { method: 'GET', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = ''
        response.on('data', (chunk) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode!, json: JSON.parse(text) }))
      },
    )
    call.on('error', reject)
    call.end(body)
  })
}

test('GET /{uuid}/{otp} compares the JSON body sent with GET, as in the README', async ({ request }) => {
  const bound = { 'UPPERCASE TAG': 'VALUE', Keys: { 'Key 1': 'Val 1', 'Key 2': 'Val 2' } }
  const generated = await request.post('/?strict_validation=true&retry_limit=3', {
    headers: { authorization: `Bearer ${e2eAdminApiKey}` },
    data: bound,
  })
  expect(generated.status()).toBe(200)
  const { uuid, otp } = (await generated.json()).info as { uuid: string; otp: string }

  const other = await getWithBody(`/${uuid}/${otp}`, JSON.stringify({ 'UPPERCASE TAG': 'value' }))
  expect(other).toEqual({ status: 401, json: { status: 401, message: 'REQUEST_MISMATCH', info: {} } })

  const reordered = '{ "Keys": {"Key 2": "Val 2", "Key 1": "Val 1"},\n  "UPPERCASE TAG": "VALUE" }'
  const same = await getWithBody(`/${uuid}/${otp}`, reordered)
  expect(same).toEqual({ status: 200, json: { status: 200, message: 'OTP_VERIFIED', info: {} } })
})
