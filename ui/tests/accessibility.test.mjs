// Every page, as a visitor and as each kind of signed-in person, scanned
// with axe-core: no serious or critical violations, no console errors
// (which include Content-Security-Policy violations).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { axe, DEMO_PASSWORD, launch, settled, signedIn, startPipeline, watchedPage } from './harness.mjs'

let app, browser

before(async () => {
  app = await startPipeline({ demo: true })
  browser = await launch()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

const visitorPages = [
  '/', '/projects', '/projects?phase=beta&sort=title', '/projects?q=bins', '/projects?q=repiars', '/timeline', '/timeline?tag=bins', '/timeline?region=London', '/projects/report-a-missed-bin-collection', '/projects/apply-for-send-home-to-school-transport',
  '/organisations', '/organisations/leeds', '/accessibility', '/open-data', '/sign-in', '/sign-up', '/reset-password',
  '/verify-email', '/no-such-page', '/projects/no-such-project'
]
const officerPages = [
  '/my', '/projects/new', '/projects/report-a-missed-bin-collection', '/projects/report-a-missed-bin-collection/edit',
  '/projects/report-a-missed-bin-collection/update', '/join', '/projects/report-a-housing-repair',
  '/projects/apply-for-send-home-to-school-transport', '/projects/report-a-missed-bin-collection/call', '/projects?call=open'
]

async function scan (context, path) {
  const page = await watchedPage(context)
  const res = await page.goto(app.base + path)
  assert.ok(res, `no response for ${path}`)
  await settled(page)
  const violations = await axe(page)
  assert.deepEqual(violations, [], `${path} has accessibility violations`)
  assert.deepEqual(page.problems, [], `${path} logged errors`)
  await page.close()
}

test('pages a visitor can reach', async () => {
  const context = await browser.newContext()
  for (const path of visitorPages) await scan(context, path)
  await context.close()
})

test('pages an officer uses', async () => {
  const context = await signedIn(browser, app, 'officer@leeds.example', { password: DEMO_PASSWORD })
  for (const path of officerPages) await scan(context, path)
  await context.close()
})

test('pages an organisation admin uses', async () => {
  const context = await signedIn(browser, app, 'admin@leeds.example', { password: DEMO_PASSWORD })
  for (const path of ['/admin/members', '/admin/import', '/my', '/portfolio']) await scan(context, path)
  await context.close()
})

test('pages a coordinator uses', async () => {
  const context = await signedIn(browser, app, 'coordinator@pipeline.example', { password: DEMO_PASSWORD })
  for (const path of ['/coordinator', '/portfolio?organisation=leeds', '/projects/report-a-missed-bin-collection']) await scan(context, path)
  await context.close()
})

test('pages at a small screen size', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } })
  for (const path of ['/', '/projects', '/projects/report-a-missed-bin-collection']) await scan(context, path)
  await context.close()
})
