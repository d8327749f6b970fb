// Calls one function through the engine with the official Node SDK, prints "RESULT {json}" (or
// "ERROR {json}" for a failed call), then shuts down. Env: III_URL, FUNCTION_ID, PAYLOAD (JSON).
import { registerWorker } from 'iii-sdk'

const iii = registerWorker(process.env.III_URL, {
  workerName: process.env.WORKER_NAME ?? 'node-interop-caller',
  enableMetricsReporting: false,
  invocationTimeoutMs: 10000,
})

let exitCode = 0
try {
  const result = await iii.trigger({
    function_id: process.env.FUNCTION_ID,
    payload: JSON.parse(process.env.PAYLOAD ?? '{}'),
  })
  console.log('RESULT ' + JSON.stringify(result ?? null))
} catch (e) {
  console.log('ERROR ' + JSON.stringify({ code: e.code, message: e.message }))
  exitCode = 1
}
await iii.shutdown()
process.exit(exitCode)
