// One end of a Node iii-sdk data channel for the channel throughput measurement, as SdkChannelParty is for
// Java: `create` creates a channel and replies with its writer's ref, `receive` reads its reader to the end,
// `write SIZE REF` opens the writer the ref (JSON) names and writes SIZE bytes. Replies with the bytes moved,
// the nanoseconds it took (the reader counts from its first byte) and the heap after a collection before and after.
// node --expose-gc channel-party.mjs ENGINE_URL WORKER_NAME   (env: III_SDK_MODULE, BENCH_WS_COMPRESSION)
import { loadSdk, reply, serve } from './harness.mjs'

const [url, name] = process.argv.slice(2)
const { registerWorker } = await loadSdk()
const sdkDist = process.env.III_SDK_MODULE.replace(/index\.mjs$/, '')
const { createChannel } = await import(sdkDist + 'helpers.mjs')
const { ChannelWriter } = await import(sdkDist + 'channel.mjs')
const iii = registerWorker(url, { workerName: name, enableMetricsReporting: false })
const WRITE_BUFFER = 256 * 1024
let channel

function heapAfterCollection() {
  global.gc()
  return process.memoryUsage().heapUsed
}

async function create() {
  channel = await createChannel(iii)
  return { writer: channel.writerRef }
}

async function receive() {
  const before = heapAfterCollection()
  let bytes = 0
  let started
  for await (const chunk of channel.reader.stream) {
    if (started === undefined) started = process.hrtime.bigint()
    bytes += chunk.length
  }
  const elapsed = Number(process.hrtime.bigint() - (started ?? process.hrtime.bigint()))
  return { bytes, elapsed_ns: elapsed, heap_before: before, heap_after: heapAfterCollection() }
}

async function write(size, refJson) {
  const before = heapAfterCollection()
  const total = Number(size)
  const writer = new ChannelWriter(iii.address, JSON.parse(refJson))
  const buffer = Buffer.alloc(WRITE_BUFFER)
  const started = process.hrtime.bigint()
  for (let sent = 0; sent < total; sent += buffer.length) {
    const part = total - sent >= buffer.length ? buffer : buffer.subarray(0, total - sent)
    if (!writer.stream.write(part)) {
      await new Promise((resolve) => writer.stream.once('drain', resolve))
    }
  }
  await new Promise((resolve, reject) => writer.stream.end((error) => (error ? reject(error) : resolve())))
  const elapsed = Number(process.hrtime.bigint() - started)
  return { bytes: total, elapsed_ns: elapsed, heap_before: before, heap_after: heapAfterCollection() }
}

// The worker connects in the background; ready once a call goes through.
await iii.trigger({ function_id: 'engine::workers::list', payload: {} })
reply('ready', {})
serve({ create, receive, write }, () => iii.shutdown())
