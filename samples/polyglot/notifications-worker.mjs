// A notifications worker on the official Node SDK. It serves the function the Java orders service calls
// whenever an order is placed, and places an order itself by calling the Java function orders::create.
import { registerWorker } from 'iii-sdk'

const url = process.env.III_URL ?? 'ws://127.0.0.1:49134'
const iii = registerWorker(url, { workerName: 'notifications', enableMetricsReporting: false })

const sent = []

// Java -> Node: the orders service announces each order here (a fire-and-forget call).
iii.registerFunction('notifications::order-placed', async (order) => {
  sent.push({ orderId: order.id, customer: order.customer })
  console.log(`NOTIFIED ${order.customer} about ${order.id}`)
})

iii.registerFunction('notifications::sent', async () => ({ sent }))

process.on('SIGTERM', async () => {
  await iii.shutdown()
  process.exit(0)
})

// Node -> Java: place an order through the engine, retrying until the orders service is up.
for (let attempt = 1; ; attempt++) {
  try {
    const order = await iii.trigger({
      function_id: 'orders::create',
      payload: { customer: 'node', lines: [{ sku: 'B2', quantity: 1 }] },
    })
    console.log(`ORDER ${JSON.stringify(order)}`)
    break
  } catch (e) {
    if (attempt === 60 || e.code !== 'function_not_found') {
      console.log(`FAILED ${e.code}: ${e.message}`)
      process.exit(1)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}
