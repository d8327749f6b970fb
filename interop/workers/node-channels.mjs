// A Node worker (official SDK) that streams through data channels. It registers:
//   node::channel-echo     {input: <reader>, output: <writer>}: pipes input to output, returns {bytes}
//   node::roundtrip-java   {size}: creates two channels itself, has java::channel-echo pipe one into the other,
//                          writes SIZE bytes of the shared pattern and reads them back; returns {bytes, equal}
//   node::download         http GET /node/download?size=N: a streamed response of N bytes of the pattern
// The pattern is byte i = (i * 31 + (i >> 16)) & 0xff, as the Java side computes it. Prints "READY" and
// serves until SIGTERM.
import { registerWorker } from 'iii-sdk'
import { createChannel } from 'iii-sdk/helpers'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'

const url = process.env.III_URL
if (!url) {
  console.error('III_URL is required')
  process.exit(2)
}
const iii = registerWorker(url, {
  workerName: process.env.WORKER_NAME ?? 'node-channels',
  enableMetricsReporting: false,
  invocationTimeoutMs: 120000,
})

const FRAME = 64 * 1024

function patternChunk(offset, length) {
  const chunk = Buffer.allocUnsafe(length)
  for (let j = 0; j < length; j++) {
    const i = offset + j
    chunk[j] = (i * 31 + Math.floor(i / 65536)) & 0xff
  }
  return chunk
}

// Writes SIZE bytes of the pattern to a Writable, waiting whenever it asks to.
async function writePattern(writable, size) {
  for (let offset = 0; offset < size; offset += FRAME) {
    const length = Math.min(FRAME, size - offset)
    if (!writable.write(patternChunk(offset, length))) {
      await new Promise((resolve) => writable.once('drain', resolve))
    }
  }
  await new Promise((resolve, reject) => writable.end((error) => (error ? reject(error) : resolve())))
}

// Reads a Readable to its end, comparing it with the pattern as it goes.
async function comparePattern(readable, size) {
  let offset = 0
  let equal = true
  for await (const chunk of readable) {
    if (equal && !patternChunk(offset, chunk.length).equals(chunk)) equal = false
    offset += chunk.length
  }
  return { bytes: offset, equal: equal && offset === size }
}

iii.registerFunction('node::channel-echo', async ({ input, output }) => {
  let bytes = 0
  const count = new Transform({
    transform(chunk, _encoding, callback) {
      bytes += chunk.length
      callback(null, chunk)
    },
  })
  await pipeline(input.stream, count, output.stream)
  return { bytes }
})

iii.registerFunction('node::roundtrip-java', async ({ size }) => {
  const there = await createChannel(iii)
  const back = await createChannel(iii)
  const echoed = iii.trigger({
    function_id: 'java::channel-echo',
    payload: { input: there.readerRef, output: back.writerRef },
    timeoutMs: 120000,
  })
  const [, compared, javaResult] = await Promise.all([
    writePattern(there.writer.stream, size),
    comparePattern(back.reader.stream, size),
    echoed,
  ])
  return { ...compared, javaBytes: javaResult.bytes }
})

iii.registerFunction('node::download', async ({ query_params, response }) => {
  const size = Number(query_params.size)
  response.sendMessage(JSON.stringify({ type: 'set_status', status_code: 200 }))
  response.sendMessage(JSON.stringify({
    type: 'set_headers',
    headers: { 'content-type': 'application/octet-stream', 'x-size': String(size) },
  }))
  await writePattern(response.stream, size)
})
iii.registerTrigger({ type: 'http', function_id: 'node::download', config: { api_path: '/node/download', http_method: 'GET' } })

// Ready once the engine lists the functions and the route.
const deadline = Date.now() + 15000
for (;;) {
  const { functions } = await iii.trigger({ function_id: 'engine::functions::list', payload: {} })
  const { registered_triggers } = await iii.trigger({ function_id: 'engine::registered-triggers::list', payload: {} })
  if (functions.some((f) => f.function_id === 'node::channel-echo')
      && registered_triggers.some((t) => t.function_id === 'node::download')) break
  if (Date.now() > deadline) throw new Error('functions not registered in time')
  await new Promise((resolve) => setTimeout(resolve, 50))
}
console.log('READY')

process.on('SIGTERM', async () => {
  await iii.shutdown()
  process.exit(0)
})
