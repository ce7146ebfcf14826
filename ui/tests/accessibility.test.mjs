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

// The pages the server renders whole, with JavaScript off: each answers
// with its real status, reads without scripts and passes axe.
const serverPages = [
  ['/', 200, 'Latest activity'],
  ['/projects', 200, 'Report a missed bin collection'],
  ['/projects?q=bins&phase=beta&phase=live', 200, 'projects'],
  ['/projects?q=repiars', 200, 'Including results for'],
  ['/projects?page=2&perPage=5', 200, 'Projects'],
  ['/projects/report-a-missed-bin-collection', 200, 'Who is interested'],
  ['/projects/report-a-housing-repair', 200, 'Similar work in other councils'],
  ['/organisations', 200, 'organisations'],
  ['/organisations?nation=wales&kind=unitary', 200, 'Cardiff'],
  ['/organisations?hasProjects=1', 200, 'Leeds City Council'],
  ['/organisations/leeds', 200, 'Report a missed bin collection'],
  ['/projects/no-such-project', 404, 'Project not found'],
  ['/organisations/no-such-council', 404, 'Organisation not found']
]

test('pages the server renders, with JavaScript off', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  // axe needs scripts of its own, so it scans the same pages with the
  // page's own scripts refused instead.
  const scripted = await browser.newContext()
  await scripted.route('**/assets/*.js', (route) => route.abort())
  for (const [path, status, text] of serverPages) {
    const page = await context.newPage()
    const res = await page.goto(app.base + path)
    assert.equal(res.status(), status, `${path} answers ${res.status()}`)
    const body = await page.locator('main').innerText()
    assert.ok(body.includes(text), `${path} does not say "${text}" without JavaScript`)
    assert.ok(!/Loading/.test(body), `${path} is still loading without JavaScript`)
    await page.close()
    const bare = await scripted.newPage()
    await bare.goto(app.base + path)
    const violations = await axe(bare)
    assert.deepEqual(violations, [], `${path} has accessibility violations without its scripts`)
    await bare.close()
  }
  await scripted.close()
  // The filter form is a plain GET: the address is the state.
  const page = await context.newPage()
  await page.goto(app.base + '/projects')
  await page.locator('#f-q').fill('bins')
  await page.locator('#f-phase-beta').check()
  await Promise.all([page.waitForURL(/q=bins/), page.locator('#filters button[type=submit]').click()])
  assert.match(page.url(), /phase=beta/)
  assert.ok((await page.locator('#results').innerText()).includes('Report a missed bin collection'))
  await context.close()
})

// The session cookie signs the page in: its own organisation's officer sees
// the draft, whole from the server, with or without JavaScript; a visitor
// gets the 404 a project that does not exist gets.
for (const javaScriptEnabled of [true, false]) test(`an officer opens their own draft (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
  const context = await signedIn(browser, app, 'officer@leeds.example', { password: DEMO_PASSWORD, javaScriptEnabled })
  const page = await watchedPage(context)
  const res = await page.goto(app.base + '/projects/apply-for-local-welfare-assistance')
  assert.equal(res.status(), 200)
  await page.locator('h1', { hasText: 'Apply for local welfare assistance' }).waitFor()
  assert.ok((await page.locator('main').innerText()).includes('Draft: only your organisation can see this'))
  assert.deepEqual(page.problems, [], 'the draft page logged errors')
  await context.close()
  const visitor = await browser.newContext({ javaScriptEnabled })
  const other = await visitor.newPage()
  assert.equal((await other.goto(app.base + '/projects/apply-for-local-welfare-assistance')).status(), 404)
  assert.ok((await other.locator('h1').innerText()).includes('Project not found'))
  await visitor.close()
})
