// The project list's first load, measured as the bytes that cross the
// network (compressed), must stay within 100 KB.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { launch, settled, startPipeline } from './harness.mjs'

let app, browser

before(async () => {
  app = await startPipeline({ demo: true })
  browser = await launch()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

test('the project list weighs no more than 100 KB compressed on first load', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  let bytes = 0
  const byType = {}
  const types = {}
  cdp.on('Network.responseReceived', (e) => { types[e.requestId] = e.type })
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength
    const t = types[e.requestId] || 'Other'
    byType[t] = (byType[t] || 0) + e.encodedDataLength
  })
  await page.goto(app.base + '/projects')
  await settled(page)
  const kb = (bytes / 1024).toFixed(1)
  console.log(`project list first load: ${kb} KB compressed (${Object.entries(byType).map(([t, b]) => `${t} ${(b / 1024).toFixed(1)} KB`).join(', ')})`)
  assert.ok(bytes <= 100 * 1024, `project list weighs ${kb} KB compressed`)
  await context.close()
})
