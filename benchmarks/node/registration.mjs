// Times registrations with the Node iii-sdk, as SdkRegistrationWorker does for Java: `register COUNT PREFIX`
// registers COUNT echo functions, calls the last one until it answers, then checks untimed that all answer.
// node --expose-gc registration.mjs ENGINE_URL WORKER_NAME   (env: III_SDK_MODULE, BENCH_WS_COMPRESSION)
import { loadSdk, negotiatedExtensions, reply, serve } from './harness.mjs'

const [url, name] = process.argv.slice(2)
const { registerWorker } = await loadSdk()
const iii = registerWorker(url, { workerName: name, enableMetricsReporting: false })
const now = () => process.hrtime.bigint()

async function register(count, prefix) {
  const n = Number(count)
  const started = now()
  for (let i = 0; i < n; i++) iii.registerFunction(prefix + i, async (data) => data)
  const registered = now()
  const deadline = Date.now() + 60000
  for (;;) {
    try {
      await iii.trigger({ function_id: prefix + (n - 1), payload: {} })
      break
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${prefix}${n - 1} did not become callable: ${e.message}`)
    }
  }
  const callable = now()
  await Promise.all(Array.from({ length: n }, (_, i) => iii.trigger({ function_id: prefix + i, payload: {} })))
  return { register_ns: Number(registered - started), callable_ns: Number(callable - started), verified: n }
}

reply('ready', { extensions: await negotiatedExtensions(iii) })
serve({ register }, () => iii.shutdown())
