// The yardstick: a bare node:http server answering a small JSON body, in its own process like the
// app, so both are measured with the same client on the same machine in the same run.
import { createServer } from 'node:http'

const body = JSON.stringify({ validation: true })
const server = createServer((request, response) => {
  response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
  response.end(body)
})
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`)
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
