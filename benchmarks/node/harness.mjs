// What every Node process of the benchmark harness shares: loading the pinned iii-sdk, the control channel
// (one command per line on stdin, one "@bench <keyword> <json>" reply per command on stdout, exit when stdin
// ends) and the negotiated WebSocket extensions.
import http from 'node:http'
import { createInterface } from 'node:readline'

// Loads iii-sdk from the file URL in III_SDK_MODULE (interop's pinned install). With
// BENCH_WS_COMPRESSION=off the WebSocket upgrade request loses its permessage-deflate offer first, so the
// connection runs uncompressed as it does on the real engine, which refuses the extension; with "on" the SDK
// runs as it ships (it offers the extension, and the embedded engine accepts it).
export async function loadSdk() {
  const compression = process.env.BENCH_WS_COMPRESSION
  if (compression === 'off') {
    const request = http.request
    http.request = function (options, ...rest) {
      if (options && typeof options === 'object' && options.headers) {
        delete options.headers['Sec-WebSocket-Extensions']
      }
      return request.call(this, options, ...rest)
    }
  } else if (compression !== 'on') {
    throw new Error(`BENCH_WS_COMPRESSION must be "on" or "off", was ${compression}`)
  }
  return import(process.env.III_SDK_MODULE)
}

export function reply(keyword, value) {
  process.stdout.write(`@bench ${keyword} ${JSON.stringify(value)}\n`)
}

// Waits for the worker's socket to open and returns the extensions the engine accepted ("" for none).
// The SDK keeps its socket (the "ws" package's WebSocket) in the field `ws`.
export async function negotiatedExtensions(iii, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs
  while (!(iii.ws && iii.ws.readyState === 1)) {
    if (Date.now() > deadline) throw new Error(`not connected after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return iii.ws.extensions
}

// Serves commands until stdin ends, then calls onEnd and exits. `stats` is always there.
export function serve(commands, onEnd) {
  const all = { stats: async () => heapAfterCollection(), ...commands }
  const lines = createInterface({ input: process.stdin })
  let queue = Promise.resolve()
  lines.on('line', (line) => {
    const words = line.trim().split(' ')
    if (!words[0]) return
    queue = queue.then(async () => {
      const command = all[words[0]]
      if (!command) {
        reply('error', { command: words[0], message: 'unknown command' })
        return
      }
      try {
        reply(words[0], await command(...words.slice(1)))
      } catch (e) {
        reply('error', { command: words[0], message: String(e && e.stack ? e.stack : e) })
      }
    })
  })
  lines.on('close', () => {
    queue.then(onEnd).finally(() => process.exit(0))
  })
}

function heapAfterCollection() {
  if (typeof global.gc !== 'function') throw new Error('run node with --expose-gc')
  global.gc()
  const memory = process.memoryUsage()
  return { heap_used: memory.heapUsed, heap_committed: memory.heapTotal }
}
