// The Node iii-sdk echo worker: one function returning its payload.
// node --expose-gc echo-worker.mjs ENGINE_URL WORKER_NAME FUNCTION_ID   (env: III_SDK_MODULE, BENCH_WS_COMPRESSION)
import { loadSdk, negotiatedExtensions, reply, serve } from './harness.mjs'

const [url, name, functionId] = process.argv.slice(2)
const { registerWorker } = await loadSdk()
const iii = registerWorker(url, { workerName: name, enableMetricsReporting: false })
iii.registerFunction(functionId, async (data) => data, { description: 'Returns its payload' })
reply('ready', { extensions: await negotiatedExtensions(iii) })
serve({}, () => iii.shutdown())
