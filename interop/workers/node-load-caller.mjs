// Keeps CONCURRENCY calls to FUNCTION_ID in flight with the official Node SDK until it reads "stop" on
// stdin, each with a timeout of TIMEOUT_MS and a payload {n} the function is expected to echo. Prints
// "READY" after its first answered call and, after reading "mark", "RESUMED" at the first call answered
// after it; once every call has ended, one line "DONE {calls, results, wrong, errors: {code: count}, maxMs}"
// and exits. A call that never ends keeps
// the script from printing DONE: the test's wait for that line is the check that none hangs.
// Env: III_URL, FUNCTION_ID, CONCURRENCY, TIMEOUT_MS.
import { createInterface } from 'node:readline'
import { registerWorker } from 'iii-sdk'

const functionId = process.env.FUNCTION_ID
const concurrency = Number(process.env.CONCURRENCY ?? 4)
const timeoutMs = Number(process.env.TIMEOUT_MS ?? 3000)

const iii = registerWorker(process.env.III_URL, {
  workerName: process.env.WORKER_NAME ?? 'node-load-caller',
  enableMetricsReporting: false,
  invocationTimeoutMs: timeoutMs,
})

const summary = { calls: 0, results: 0, wrong: 0, errors: {}, maxMs: 0 }
let stopping = false
let marked = false
let next = 0

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stop') stopping = true
  if (line.trim() === 'mark') marked = true
})
process.stdin.on('end', () => { stopping = true })

async function loop() {
  while (!stopping) {
    const n = next++
    const started = performance.now()
    summary.calls++
    try {
      const result = await iii.trigger({ function_id: functionId, payload: { n }, timeoutMs })
      if (result?.n === n) {
        summary.results++
        if (summary.results === 1) console.log('READY')
        if (marked) {
          console.log('RESUMED')
          marked = false
        }
      } else {
        summary.wrong++
      }
    } catch (e) {
      const code = e.code ?? 'untyped'
      summary.errors[code] = (summary.errors[code] ?? 0) + 1
    }
    summary.maxMs = Math.max(summary.maxMs, Math.round(performance.now() - started))
  }
}

await Promise.all(Array.from({ length: concurrency }, loop))
console.log('DONE ' + JSON.stringify(summary))
await iii.shutdown()
process.exit(0)
