// A worker built on the official Node SDK (npm iii-sdk, version pinned in ../package-lock.json).
// It registers functions and an http trigger, checks the engine's discovery functions, a void call, a
// call to a missing function and the extensions its socket negotiated, then prints one line
// "READY {json}" and serves until SIGTERM.
import { registerWorker, TriggerAction } from 'iii-sdk'

const url = process.env.III_URL
const name = process.env.WORKER_NAME ?? 'node-interop-worker'
if (!url) {
  console.error('III_URL is required')
  process.exit(2)
}

const iii = registerWorker(url, { workerName: name, enableMetricsReporting: false, invocationTimeoutMs: 10000 })

const voidCalls = []
iii.registerFunction('node::echo', async (data) => data, { description: 'Returns its input' })
iii.registerFunction('node::record-void', async (data) => { voidCalls.push(data) })
iii.registerFunction('node::boom', async () => { throw new Error('boom from node') })
iii.registerFunction('node::voids', async () => ({ count: voidCalls.length }))
iii.registerFunction('node::http', async (req) => ({
  status_code: 201,
  headers: { 'x-node': 'yes' },
  body: { id: req.path_params.id, method: req.method, path: req.path, got: req.body, q: req.query_params.q ?? null },
}))
iii.registerTrigger({ type: 'http', function_id: 'node::http', config: { api_path: '/node/items/:id', http_method: 'POST' } })

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function eventually(what, check) {
  const deadline = Date.now() + 15000
  let last
  while (Date.now() < deadline) {
    try {
      if (await check()) return
    } catch (e) {
      last = e
    }
    await sleep(50)
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`)
}

async function selfCheck() {
  const checks = {}

  await eventually('own functions in engine::functions::list', async () => {
    const { functions } = await iii.trigger({ function_id: 'engine::functions::list', payload: {} })
    return functions.some((f) => f.function_id === 'node::echo' && f.worker_name === name)
  })
  checks.functionsList = true
  // The SDK's own socket, open by now (ws offers permessage-deflate): the extensions agreed, '' for none.
  checks.socketExtensions = iii.ws?.extensions ?? null

  const { workers } = await iii.trigger({ function_id: 'engine::workers::list', payload: {} })
  const me = workers.find((w) => w.name === name)
  if (!me || me.runtime !== 'node' || me.status !== 'connected') throw new Error(`not listed: ${JSON.stringify(workers)}`)
  checks.workersList = { runtime: me.runtime, version: me.version }

  const { triggers } = await iii.trigger({ function_id: 'engine::triggers::list', payload: {} })
  if (!triggers.some((t) => t.id === 'http')) throw new Error('http trigger type missing')
  checks.triggersList = triggers.map((t) => t.id)

  await eventually('the http binding in engine::registered-triggers::list', async () => {
    const { registered_triggers } = await iii.trigger({ function_id: 'engine::registered-triggers::list', payload: {} })
    return registered_triggers.some((t) => t.function_id === 'node::http' && t.trigger_type === 'http')
  })
  checks.registeredTriggers = true

  const echoed = await iii.trigger({ function_id: 'node::echo', payload: { hello: 'self' } })
  if (echoed.hello !== 'self') throw new Error(`echo returned ${JSON.stringify(echoed)}`)
  checks.selfCall = true

  const voidResult = await iii.trigger({ function_id: 'node::record-void', payload: { n: 1 }, action: TriggerAction.Void() })
  await eventually('the void call to run', async () => voidCalls.length === 1)
  checks.voidCall = voidResult === undefined || voidResult === null

  try {
    await iii.trigger({ function_id: 'missing::fn', payload: {} })
    throw new Error('call to a missing function succeeded')
  } catch (e) {
    if (e.code !== 'function_not_found') throw e
    checks.missingFunction = { code: e.code, message: e.message }
  }
  return checks
}

process.on('SIGTERM', async () => {
  await iii.shutdown()
  process.exit(0)
})

try {
  const checks = await selfCheck()
  console.log('READY ' + JSON.stringify(checks))
} catch (e) {
  console.log('FAILED ' + (e && e.stack ? e.stack : e))
  process.exit(1)
}
