// The journeys officers make, driven by clicks and by keyboard in a real
// browser against a real Pipeline with its email going to an SMTP sink.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import * as h from './harness.mjs'
import { launch, officer, PASSWORD, settled, setDomain, signedIn, startPipeline, watchedPage } from './harness.mjs'

let app, browser

before(async () => {
  app = await startPipeline()
  browser = await launch()
  await setDomain(app, 'leeds', 'leeds.test')
  const bristol = await setDomain(app, 'city-of-bristol', 'bristol.test')
  await officer(app, { email: 'officer@bristol.test', name: 'Bea Bristol', organisation: bristol.id })
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

function emailTo (address, pattern) {
  return h.emailTo(app, address, pattern)
}

/** Presses Tab until the focused element matches selector. */
async function tabTo (page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return
  }
  throw new Error(`Tab never reached ${selector}`)
}

test('sign up, join by email domain, publish, get interest from another council and answer it', async () => {
  const a = await watchedPage(await browser.newContext())
  await a.goto(app.base + '/sign-up')
  await settled(a)
  await a.fill('#f-name', 'Lee Leeds')
  await a.fill('#f-email', 'lee@leeds.test')
  await a.fill('#f-password', PASSWORD)
  await a.getByRole('button', { name: 'Create account' }).click()
  await a.getByRole('heading', { name: 'Check your email' }).waitFor()

  // The verification email links to Pipeline's own page.
  const mail = await emailTo('lee@leeds.test', /verify-email\?token=/)
  const link = mail.match(/https?:\/\/[^\s"<>]+\/verify-email\?token=[\w.-]+/)[0]
  // Opening the link (as a mail scanner would) verifies nothing; the button does.
  await a.goto(link)
  await a.getByRole('button', { name: 'Verify my email address' }).click()
  await a.locator('h1', { hasText: /verified/i }).waitFor()

  await a.goto(app.base + '/sign-in?next=/join')
  await settled(a)
  await a.fill('#f-email', 'lee@leeds.test')
  await a.fill('#f-password', PASSWORD)
  await a.getByRole('button', { name: 'Sign in' }).click()
  await a.waitForURL((u) => u.pathname === '/join')
  await settled(a)
  assert.match(await a.locator('#main-content').innerText(), /You are a member of Leeds City Council/)

  // Publish a project.
  await a.goto(app.base + '/projects/new')
  await settled(a)
  await a.fill('#f-title', 'Pothole reporting')
  await a.fill('#f-summary', 'Report a pothole online and follow its repair.')
  await a.locator('input[name=phase][value=discovery]').check()
  await a.locator('input[name=visibility][value=published]').check()
  await a.getByRole('button', { name: 'Save project' }).click()
  await a.waitForURL(/\/projects\/pothole-reporting/)
  await settled(a)
  assert.equal(await a.locator('h1').innerText(), 'Pothole reporting')

  // An officer of another council expresses interest.
  const b = await watchedPage(await signedIn(browser, app, 'officer@bristol.test'))
  await b.goto(app.base + '/projects/pothole-reporting')
  await settled(b)
  await b.locator('input[name=kind][value=join]').check()
  await b.fill('#f-message', 'Bristol wants to join: we have the same problem.')
  await b.getByRole('button', { name: 'Send' }).click()
  await b.getByText('Your interest has been sent to Leeds City Council').waitFor()

  // The owner sees it in My Pipeline and acknowledges it.
  await a.goto(app.base + '/my#interest-received')
  await settled(a)
  const received = a.locator('#interest-received')
  assert.match(await received.innerText(), /Bea Bristol/)
  await received.getByRole('button', { name: /Acknowledge/ }).click()
  await received.getByText('Acknowledged', { exact: true }).first().waitFor()

  // The interested officer sees the new state.
  await b.goto(app.base + '/my#interest-sent')
  await settled(b)
  assert.match(await b.locator('#interest-sent').innerText(), /Acknowledged/)

  assert.deepEqual(a.problems, [])
  assert.deepEqual(b.problems, [])
})

test('invalid input shows the error summary and keeps what was typed', async () => {
  const leeds = (await import('./harness.mjs'))
  const org = await leeds.council(app, 'leeds')
  await officer(app, { email: 'editor@leeds.test', name: 'Eddie Editor', organisation: org.id })
  const page = await watchedPage(await signedIn(browser, app, 'editor@leeds.test'))
  await page.goto(app.base + '/projects/new')
  await settled(page)
  await page.fill('#f-summary', 'A summary that must survive the error.')
  await page.getByRole('button', { name: 'Save project' }).click()
  const summary = page.locator('.govuk-error-summary')
  await summary.waitFor()
  assert.match(await summary.innerText(), /There is a problem/)
  assert.ok((await page.title()).startsWith('Error: '), 'page title starts "Error: "')
  assert.equal(await summary.locator('a[href="#f-title"]').count(), 1, 'summary links to the title field')
  assert.equal(await page.locator('#f-title-error').count(), 1, 'inline message on the title')
  assert.equal(await page.inputValue('#f-summary'), 'A summary that must survive the error.')
  // Following the summary's link puts the cursor in the field.
  await summary.locator('a[href="#f-title"]').click()
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-title')

  // An error that only the server can find lands on its field too.
  await page.fill('#f-title', 'Tagged project')
  await page.locator('input[name=phase][value=alpha]').check()
  await page.fill('#f-tags', 'x'.repeat(41))
  await page.getByRole('button', { name: 'Save project' }).click()
  await page.locator('#f-tags-error').waitFor()
  assert.deepEqual(page.problems, [])
})

test('keyboard only: sign in, then follow and express interest', async () => {
  const org = await (await import('./harness.mjs')).council(app, 'leeds')
  await officer(app, { email: 'owner2@leeds.test', name: 'Olive Owner', organisation: org.id })
  const owner = await signedIn(browser, app, 'owner2@leeds.test')
  const setup = await owner.newPage()
  await setup.goto(app.base + '/projects/new')
  await settled(setup)
  await setup.fill('#f-title', 'Library room booking')
  await setup.fill('#f-summary', 'Book a room in any library.')
  await setup.locator('input[name=phase][value=alpha]').check()
  await setup.locator('input[name=visibility][value=published]').check()
  await setup.getByRole('button', { name: 'Save project' }).click()
  await setup.waitForURL(/\/projects\/library-room-booking/)

  const page = await watchedPage(await browser.newContext())
  await page.goto(app.base + '/sign-in?next=/projects/library-room-booking')
  await settled(page)
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to main content')
  await tabTo(page, '#f-email')
  await page.keyboard.type('officer@bristol.test')
  await tabTo(page, '#f-password')
  await page.keyboard.type(PASSWORD)
  await page.keyboard.press('Enter')
  await page.waitForURL((u) => u.pathname === '/projects/library-room-booking')
  await settled(page)

  await tabTo(page, 'input[name=kind]')
  await page.keyboard.press('Space')
  await tabTo(page, '#f-message')
  await page.keyboard.type('We can reuse this for our libraries.')
  await tabTo(page, 'button[type=submit]')
  await page.keyboard.press('Enter')
  await page.getByText('Your interest has been sent to Leeds City Council').waitFor()
  assert.deepEqual(page.problems, [])
})

test('search finds work in other words, and the new-project form shows similar work as you type', async () => {
  const org = await (await import('./harness.mjs')).council(app, 'city-of-bristol')
  await officer(app, { email: 'writer@bristol.test', name: 'Wyn Writer', organisation: org.id })
  const page = await watchedPage(await signedIn(browser, app, 'writer@bristol.test'))
  await page.goto(app.base + '/projects?q=' + encodeURIComponent('potholle'))
  await settled(page)
  const results = await page.locator('#results').innerText()
  assert.match(results, /Pothole reporting/)
  assert.match(results, /you typed “potholle”/)

  await page.goto(app.base + '/projects/new')
  await settled(page)
  await page.fill('#f-title', 'Road defects')
  await page.fill('#f-summary', 'Let people tell us about potholes in the road')
  const similar = page.locator('#similar-as-you-type')
  await similar.getByRole('link', { name: 'Pothole reporting' }).waitFor()
  assert.match(await similar.innerText(), /Leeds City Council/)
  assert.deepEqual(page.problems, [])
})

test('an organisation admin checks a tracker file, sees the problems, then imports', async () => {
  const org = await h.council(app, 'city-of-bristol')
  await officer(app, { email: 'admin@bristol.test', name: 'Ann Admin', organisation: org.id, role: 'orgAdmin' })
  const page = await watchedPage(await signedIn(browser, app, 'admin@bristol.test'))
  await page.goto(app.base + '/admin/import')
  await settled(page)
  // A file with a bad row: every row's outcome, and nothing can be imported.
  const bad = 'reference,title,summary,phase\r\nBR-1,Street lighting faults,Report a broken street light.,alpha\r\nBR-2,,No title.,sideways\r\n'
  await page.setInputFiles('#f-file', { name: 'tracker.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
  await page.getByRole('button', { name: 'Check the file' }).click()
  let result = page.locator('#import-result')
  await result.getByRole('heading', { name: 'What would happen' }).waitFor()
  assert.match(await result.innerText(), /Cannot import/)
  assert.equal(await result.getByRole('button', { name: /^Import/ }).count(), 0)
  // The corrected file imports whole.
  const good = 'reference,title,summary,phase\r\nBR-1,Street lighting faults,Report a broken street light.,alpha\r\n'
  await page.setInputFiles('#f-file', { name: 'tracker.csv', mimeType: 'text/csv', buffer: Buffer.from(good) })
  await page.getByRole('button', { name: 'Check the file' }).click()
  result = page.locator('#import-result')
  await result.getByRole('button', { name: 'Import 1 project' }).click()
  await result.getByRole('heading', { name: 'What happened' }).waitFor()
  await result.getByRole('link', { name: 'Street lighting faults' }).waitFor()
  assert.deepEqual(page.problems, [])
})

test('a partner call: opened, pledged to by two other councils, goal met, formed at its deadline', async () => {
  const leeds = await h.council(app, 'leeds')
  const camden = await h.council(app, 'camden')
  await officer(app, { email: 'caller@leeds.test', name: 'Cal Caller', organisation: leeds.id })
  await officer(app, { email: 'officer@camden.test', name: 'Cam Camden', organisation: camden.id })
  const owner = await watchedPage(await signedIn(browser, app, 'caller@leeds.test'))
  await owner.goto(app.base + '/projects/new')
  await settled(owner)
  await owner.fill('#f-title', 'Shared booking system')
  await owner.fill('#f-summary', 'One booking system for rooms and sports halls.')
  await owner.locator('input[name=phase][value=discovery]').check()
  await owner.locator('input[name=visibility][value=published]').check()
  await owner.getByRole('button', { name: 'Save project' }).click()
  await owner.waitForURL(/\/projects\/shared-booking-system/)
  await settled(owner)

  // Open the call: 2 partners and £30,000, about a month away.
  await owner.getByRole('button', { name: 'Open a partner call' }).click()
  await owner.waitForURL(/\/call$/)
  await settled(owner)
  const when = new Date(Date.now() + 30 * 86400000)
  await owner.fill('#f-description', 'We will build a shared booking system if two councils commit £30,000 between them.')
  await owner.fill('#f-goalPartners', '2')
  await owner.fill('#f-goalFunding', '30000')
  await owner.fill('#f-deadline', String(when.getUTCDate()))
  await owner.fill('#f-deadline-month', String(when.getUTCMonth() + 1))
  await owner.fill('#f-deadline-year', String(when.getUTCFullYear()))
  await owner.getByRole('button', { name: 'Open the call' }).click()
  await owner.waitForURL((u) => u.pathname === '/projects/shared-booking-system')
  await settled(owner)
  assert.match(await owner.locator('#call').innerText(), /0% of the goal pledged/)

  // Two other councils pledge.
  for (const [email, amount] of [['officer@bristol.test', '10000'], ['officer@camden.test', '20000']]) {
    const page = await watchedPage(await signedIn(browser, app, email))
    await page.goto(app.base + '/projects/shared-booking-system')
    await settled(page)
    await page.fill('#f-funding', amount)
    await page.getByRole('button', { name: 'Pledge', exact: true }).click()
    await page.getByText('Your organisation’s pledge is saved').waitFor()
    assert.deepEqual(page.problems, [])
  }
  await owner.reload()
  await settled(owner)
  const call = await owner.locator('#call').innerText()
  assert.match(call, /100% of the goal pledged/)
  assert.match(call, /City of Bristol|Bristol City Council/)
  assert.match(call, /London Borough of Camden/)

  // The deadline passes (a superuser moves it) and resolve_calls runs.
  const calls = await h.api(app, 'GET', '/api/collections/calls/records?filter=' + encodeURIComponent("state='open'"), undefined, app.suToken)
  const id = calls.items.find((c) => c.description.startsWith('We will build a shared booking')).id
  await h.api(app, 'PATCH', `/api/collections/calls/records/${id}`, { deadline: '2020-01-01 00:00:00.000Z' }, app.suToken)
  const res = await fetch(app.base + '/api/crons/resolve_calls', { method: 'POST', headers: { Authorization: app.suToken } })
  assert.equal(res.status, 204)
  await owner.reload()
  await settled(owner)
  assert.match(await owner.locator('#call').innerText(), /Formed/)
  const rows = await owner.locator('.govuk-summary-list').innerText()
  assert.match(rows, /Partners[\s\S]*London Borough of Camden/)
  assert.deepEqual(owner.problems, [])
})

test('a coordinator sees the health of the network and nudges a project going quiet', async () => {
  await officer(app, { email: 'cora@network.test', name: 'Cora Coordinator', organisation: '', role: 'coordinator' })
  const projects = await h.api(app, 'GET', '/api/collections/projects/records?filter=' + encodeURIComponent("slug='pothole-reporting'"), undefined, app.suToken)
  const quiet = projects.items[0]
  await h.api(app, 'PATCH', `/api/collections/projects/records/${quiet.id}`, { chaseStage: 2 }, app.suToken)
  const page = await watchedPage(await signedIn(browser, app, 'cora@network.test'))
  await page.goto(app.base + '/coordinator')
  await settled(page)
  assert.equal(await page.locator('h1').innerText(), 'Network health')
  assert.ok(await page.locator('svg[role="img"]').count() >= 2, 'charts are drawn')
  assert.ok(await page.locator('table caption').count() >= 2, 'each chart has its data table')
  await page.getByRole('button', { name: /Nudge the team behind Pothole reporting/ }).click()
  await page.getByRole('button', { name: /Send nudge/ }).click()
  await page.getByText('Nudge sent').first().waitFor()
  const notes = await h.api(app, 'GET', '/api/collections/nudges/records', undefined, app.suToken)
  assert.equal(notes.totalItems, 1)
  assert.deepEqual(page.problems, [])
})
