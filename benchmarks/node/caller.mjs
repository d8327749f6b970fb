// The Node iii-sdk caller: trigger() in a closed loop, answering the same commands as the Java callers
// (probe, start, mark, stop; see CallerCommands). Latencies go back raw, in nanoseconds; the harness puts them
// in an HdrHistogram.
// node --expose-gc caller.mjs ENGINE_URL WORKER_NAME   (env: III_SDK_MODULE, BENCH_WS_COMPRESSION)
import { readFileSync } from 'node:fs'
import { isDeepStrictEqual } from 'node:util'
import { loadSdk, negotiatedExtensions, reply, serve } from './harness.mjs'

const [url, name] = process.argv.slice(2)
const { registerWorker } = await loadSdk()
const iii = registerWorker(url, { workerName: name, enableMetricsReporting: false })
const now = () => process.hrtime.bigint()
const readPayload = (file) => JSON.parse(readFileSync(file, 'utf8'))

let load = null

async function probe(functionId, file) {
  const payload = readPayload(file)
  const deadline = Date.now() + 30000
  for (let attempts = 1; ; attempts++) {
    try {
      const result = await iii.trigger({ function_id: functionId, payload })
      if (result && typeof result === 'object') delete result._caller_worker_id
      if (!isDeepStrictEqual(result, payload)) throw new Error(`${functionId} did not echo the payload`)
      return { attempts }
    } catch (e) {
      if (e.message && e.message.endsWith('did not echo the payload')) throw e
      if (Date.now() > deadline) throw new Error(`${functionId} did not answer within 30 s: ${e.message}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

function start(functionId, concurrency, file) {
  if (load) throw new Error('a load is running')
  const payload = readPayload(file)
  load = { running: true, latencies: [], errors: 0, firstError: '', markNs: now(), chains: [] }
  const current = load
  const chain = async () => {
    while (current.running) {
      const started = now()
      try {
        await iii.trigger({ function_id: functionId, payload })
        current.latencies.push(Number(now() - started))
      } catch (e) {
        current.errors++
        if (!current.firstError) current.firstError = String(e && e.message ? e.message : e)
      }
    }
  }
  for (let i = 0; i < Number(concurrency); i++) current.chains.push(chain())
  return {}
}

function mark() {
  if (!load) throw new Error('no load is running')
  load.latencies = []
  load.errors = 0
  load.firstError = ''
  load.markNs = now()
  return {}
}

async function stop() {
  if (!load) throw new Error('no load is running')
  const stopping = load
  load = null
  const elapsed = Number(now() - stopping.markNs)
  const latencies = stopping.latencies
  const errors = stopping.errors
  const firstError = stopping.firstError
  stopping.latencies = []
  stopping.running = false
  let timer
  const drained = await Promise.race([
    Promise.all(stopping.chains).then(() => true),
    new Promise((resolve) => { timer = setTimeout(() => resolve(false), 60000) }),
  ])
  clearTimeout(timer)
  if (!drained) throw new Error('calls still in flight 60 s after the load stopped')
  return { count: latencies.length, errors, elapsed_ns: elapsed, latencies_ns: latencies, first_error: firstError }
}

reply('ready', { extensions: await negotiatedExtensions(iii) })
serve({ probe, start, mark, stop }, () => iii.shutdown())
