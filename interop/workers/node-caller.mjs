// Calls one function through the engine with the official Node SDK, prints "RESULT {json}" (or
// "ERROR {json}" for a failed call; "SENT" for a fire-and-forget call), then shuts down.
// Env: III_URL, FUNCTION_ID, PAYLOAD (JSON), ACTION=void for a fire-and-forget call.
import { registerWorker, TriggerAction } from 'iii-sdk'

const iii = registerWorker(process.env.III_URL, {
  workerName: process.env.WORKER_NAME ?? 'node-interop-caller',
  enableMetricsReporting: false,
  invocationTimeoutMs: 10000,
})

let exitCode = 0
try {
  const request = { function_id: process.env.FUNCTION_ID, payload: JSON.parse(process.env.PAYLOAD ?? '{}') }
  if (process.env.ACTION === 'void') {
    // A void call returns before it is sent (the Node SDK queues it until connected, and shutdown drops
    // that queue): round trips before and after make sure it left on the socket, where frames keep order.
    await iii.trigger({ function_id: 'engine::workers::list', payload: {} })
    await iii.trigger({ ...request, action: TriggerAction.Void() })
    await iii.trigger({ function_id: 'engine::workers::list', payload: {} })
    console.log('SENT')
  } else {
    const result = await iii.trigger(request)
    console.log('RESULT ' + JSON.stringify(result ?? null))
  }
} catch (e) {
  console.log('ERROR ' + JSON.stringify({ code: e.code, message: e.message }))
  exitCode = 1
}
await iii.shutdown()
process.exit(exitCode)
