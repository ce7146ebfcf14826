// The same journeys with JavaScript off (Playwright's javaScriptEnabled:
// false): every page comes whole from the server and every action is a
// form it answers. Each test checks that no script ran at all.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import * as h from './harness.mjs'
import { launch, officer, PASSWORD, setDomain, signedIn, startPipeline, watchedPage } from './harness.mjs'

let app, browser

const off = { javaScriptEnabled: false }

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

/** A page in a context with scripts off, signed in as email if given. */
async function page (email) {
  const context = email ? await signedIn(browser, app, email, off) : await browser.newContext(off)
  const p = await watchedPage(context)
  p.on('console', (m) => {
    if (!/^Failed to load resource/.test(m.text())) p.problems.push('console with JavaScript off: ' + m.text())
  })
  return p
}

/** Asserts the page is whole: no "Loading" and no <noscript> apology. */
async function whole (p) {
  const text = await p.locator('#main-content').innerText()
  assert.doesNotMatch(text, /Loading|turn on JavaScript|need JavaScript/i, `${p.url()} is not whole without JavaScript`)
  assert.equal(await p.evaluate(() => document.documentElement.className.includes('js-enabled')), false)
}

test('JavaScript off: sign up, verify, sign in, join, publish, edit, update, confirm, sign out', async () => {
  const a = await page()
  await a.goto(app.base + '/sign-up')
  await whole(a)
  await a.fill('#f-name', 'Nadia Noscript')
  await a.fill('#f-email', 'nadia@leeds.test')
  await a.fill('#f-password', 'short')
  await a.getByRole('button', { name: 'Create account' }).click()
  await a.locator('.govuk-error-summary', { hasText: 'Password must be 8 characters or more' }).waitFor()
  assert.equal(await a.inputValue('#f-name'), 'Nadia Noscript', 'what was typed is kept')
  await a.fill('#f-password', PASSWORD)
  await a.getByRole('button', { name: 'Create account' }).click()
  await a.getByRole('heading', { name: 'Check your email' }).waitFor()

  const mail = await h.emailTo(app, 'nadia@leeds.test', /verify-email\?token=/)
  const link = mail.match(/https?:\/\/[^\s"<>]+\/verify-email\?token=[\w.-]+/)[0]
  await a.goto(link)
  await a.getByRole('button', { name: 'Verify my email address' }).click()
  await a.getByRole('heading', { name: 'Your email address is verified' }).waitFor()

  await a.goto(app.base + '/sign-in?next=/join')
  await a.fill('#f-email', 'nadia@leeds.test')
  await a.fill('#f-password', 'wrong password')
  await a.getByRole('button', { name: 'Sign in' }).click()
  await a.locator('.govuk-error-summary', { hasText: 'Enter a correct email address and password' }).waitFor()
  await a.fill('#f-password', PASSWORD)
  await a.getByRole('button', { name: 'Sign in' }).click()
  await a.waitForURL((u) => u.pathname === '/join')
  assert.match(await a.locator('#main-content').innerText(), /You are a member of Leeds City Council/)

  // Publish, with a mistake first.
  await a.goto(app.base + '/projects/new')
  await whole(a)
  await a.fill('#f-summary', 'Book a council tip slot online.')
  await a.fill('#f-phaseEnd', '31')
  await a.fill('#f-phaseEnd-month', '2')
  await a.fill('#f-phaseEnd-year', '2027')
  await a.getByRole('button', { name: 'Save project' }).click()
  const summary = a.locator('.govuk-error-summary')
  await summary.waitFor()
  assert.ok((await a.title()).startsWith('Error: '))
  assert.match(await summary.innerText(), /Enter a project title[\s\S]*Phase end must be a real date/)
  assert.equal(await a.inputValue('#f-summary'), 'Book a council tip slot online.')
  await a.fill('#f-title', 'Tip slot booking')
  await a.fill('#f-phaseEnd', '28')
  await a.locator('input[name=phase][value=alpha]').check()
  await a.locator('input[name=visibility][value=published]').check()
  await a.getByRole('button', { name: 'Save project' }).click()
  await a.waitForURL(/\/projects\/tip-slot-booking$/)
  await a.getByText('The project is added').waitFor()
  assert.match(await a.locator('.govuk-summary-list').first().innerText(), /28 February 2027/)

  // Edit it, post an update that moves its phase, confirm it.
  await a.getByRole('button', { name: 'Edit project' }).click()
  await a.fill('#f-outcomeWorked', 'Fewer queues at the tip.')
  await a.getByRole('button', { name: 'Save changes' }).click()
  await a.getByText('The project is saved').waitFor()
  await a.getByRole('button', { name: 'Post an update' }).click()
  await a.fill('#f-body', 'Beta starts on Monday.')
  await a.locator('input[name=phaseTo][value=beta]').check()
  await a.getByRole('button', { name: 'Post update' }).click()
  await a.getByText('Your update is posted').waitFor()
  assert.match(await a.locator('#updates').innerText(), /Beta starts on Monday/)
  await a.getByRole('button', { name: 'Confirm it is still accurate' }).click()
  await a.getByText('the project is confirmed as accurate today').waitFor()

  await a.goto(app.base + '/sign-out')
  await a.getByRole('button', { name: 'Sign out' }).click()
  await a.getByRole('heading', { name: 'You have signed out' }).waitFor()
  assert.equal((await a.goto(app.base + '/my')).url().includes('/sign-in'), true, 'signed out, My Pipeline asks to sign in')
  assert.deepEqual(a.problems, [])
})

test('JavaScript off: reset a forgotten password', async () => {
  const org = await h.council(app, 'leeds')
  await officer(app, { email: 'forgetful@leeds.test', name: 'Fay Forgetful', organisation: org.id })
  const a = await page()
  await a.goto(app.base + '/sign-in')
  await a.getByRole('link', { name: 'Forgotten your password?' }).click()
  await a.fill('#f-email', 'forgetful@leeds.test')
  await a.getByRole('button', { name: 'Send the link' }).click()
  await a.getByRole('heading', { name: 'Check your email' }).waitFor()
  const mail = await h.emailTo(app, 'forgetful@leeds.test', /reset-password\?token=/)
  const link = mail.match(/https?:\/\/[^\s"<>]+\/reset-password\?token=[\w.-]+/)[0]
  await a.goto(link)
  await a.fill('#f-password', 'a-new-password-2')
  await a.fill('#f-passwordConfirm', 'a-different-one')
  await a.getByRole('button', { name: 'Change password' }).click()
  await a.locator('.govuk-error-summary', { hasText: 'Enter the same password twice' }).waitFor()
  await a.fill('#f-password', 'a-new-password-2')
  await a.fill('#f-passwordConfirm', 'a-new-password-2')
  await a.getByRole('button', { name: 'Change password' }).click()
  await a.getByRole('heading', { name: 'Your password has been changed' }).waitFor()
  await a.goto(app.base + '/sign-in')
  await a.fill('#f-email', 'forgetful@leeds.test')
  await a.fill('#f-password', 'a-new-password-2')
  await a.getByRole('button', { name: 'Sign in' }).click()
  await a.waitForURL((u) => u.pathname === '/my')
  await whole(a)
  assert.deepEqual(a.problems, [])
})

test('JavaScript off: follow, express interest, answer it, withdraw, unfollow, pledge', async () => {
  const leeds = await h.council(app, 'leeds')
  await officer(app, { email: 'owner@leeds.test', name: 'Olu Owner', organisation: leeds.id })
  const owner = await page('owner@leeds.test')
  await owner.goto(app.base + '/projects/new')
  await owner.fill('#f-title', 'Garden waste renewals')
  await owner.fill('#f-summary', 'Renew a garden waste permit online.')
  await owner.locator('input[name=phase][value=beta]').check()
  await owner.locator('input[name=visibility][value=published]').check()
  await owner.getByRole('button', { name: 'Save project' }).click()
  await owner.waitForURL(/\/projects\/garden-waste-renewals$/)
  await owner.getByRole('button', { name: 'Open a partner call' }).click()
  const when = new Date(Date.now() + 30 * 86400000)
  await owner.fill('#f-description', 'We will share it if one council commits £5,000.')
  await owner.fill('#f-goalFunding', '5000')
  await owner.fill('#f-deadline', String(when.getUTCDate()))
  await owner.fill('#f-deadline-month', String(when.getUTCMonth() + 1))
  await owner.fill('#f-deadline-year', String(when.getUTCFullYear()))
  await owner.getByRole('button', { name: 'Open the call' }).click()
  await owner.getByText('The partner call is open').waitFor()

  const b = await page('officer@bristol.test')
  await b.goto(app.base + '/projects/garden-waste-renewals')
  await whole(b)
  await b.getByRole('button', { name: 'Follow' }).click()
  await b.getByText('You are now following this project').waitFor()
  await b.getByRole('button', { name: 'Send' }).click()
  await b.locator('.govuk-error-summary', { hasText: 'Choose what your organisation' }).waitFor()
  await b.locator('input[name=kind][value=reuse]').check()
  await b.fill('#f-message', 'Bristol would reuse this.')
  await b.getByRole('button', { name: 'Send' }).click()
  await b.getByText('Your interest has been sent to Leeds City Council').waitFor()
  await b.fill('#f-funding', '£5,000')
  await b.getByRole('button', { name: 'Pledge', exact: true }).click()
  await b.getByText('Your organisation’s pledge is saved').waitFor()
  assert.match(await b.locator('#call').innerText(), /100% of the goal pledged/)

  // The owner answers in My Pipeline.
  await owner.goto(app.base + '/my')
  await whole(owner)
  const received = owner.locator('#interest-received')
  assert.match(await received.innerText(), /Bea Bristol[\s\S]*Bristol would reuse this/)
  await received.getByRole('button', { name: /^Collaborate/ }).click()
  await owner.getByText('You are now collaborating with Bea Bristol').waitFor()

  // The interested officer sees it, withdraws, and stops following.
  await b.goto(app.base + '/my')
  const sent = b.locator('#interest-sent')
  assert.match(await sent.innerText(), /Collaborating/)
  await sent.getByRole('button', { name: /^Withdraw/ }).click()
  await b.getByText('You have withdrawn your interest in Garden waste renewals').waitFor()
  await b.goto(app.base + '/projects/garden-waste-renewals')
  await b.getByRole('button', { name: 'Withdraw the pledge' }).click()
  await b.getByText('Your organisation’s pledge is withdrawn').waitFor()
  assert.deepEqual(owner.problems, [])
  assert.deepEqual(b.problems, [])
})

test('JavaScript off: ask to join, approved by the organisation admin; adopt a project', async () => {
  const bristol = await h.council(app, 'city-of-bristol')
  await officer(app, { email: 'admin@bristol.test', name: 'Ada Admin', organisation: bristol.id, role: 'orgAdmin' })
  const joiner = await h.api(app, 'POST', '/api/collections/users/records',
    { name: 'Jo Joiner', email: 'joiner@elsewhere.test', password: PASSWORD, passwordConfirm: PASSWORD })
  await h.api(app, 'PATCH', '/api/collections/users/records/' + joiner.id, { verified: true }, app.suToken)
  const j = await page('joiner@elsewhere.test')
  await j.goto(app.base + '/join')
  await whole(j)
  await j.getByRole('button', { name: 'Ask to join' }).click()
  await j.locator('.govuk-error-summary', { hasText: 'Choose your organisation' }).waitFor()
  await j.selectOption('#f-organisation', { label: bristol.name })
  await j.getByRole('button', { name: 'Ask to join' }).click()
  await j.getByRole('heading', { name: 'Your request has been sent' }).waitFor()

  const admin = await page('admin@bristol.test')
  await admin.goto(app.base + '/admin/members')
  await whole(admin)
  await admin.locator('#requests').getByRole('button', { name: 'Approve Jo Joiner' }).click()
  await admin.getByText(`Jo Joiner is now a member of ${bristol.name}`).waitFor()

  // A project with no owner can be adopted by its organisation.
  const p = await h.api(app, 'POST', '/api/collections/projects/records', {
    title: 'Orphaned parking project', summary: 'Nobody owns it.', organisation: bristol.id, phase: 'alpha', visibility: 'published',
    contactEmail: 'team@bristol.test'
  }, app.suToken)
  await j.goto(app.base + '/projects/' + p.slug)
  await j.getByRole('button', { name: 'Adopt this project' }).click()
  await j.getByText('You have adopted this project and are now its owner').waitFor()
  assert.deepEqual(j.problems, [])
  assert.deepEqual(admin.problems, [])
})

test('JavaScript off: an organisation admin checks a tracker file, then imports it', async () => {
  const admin = await page('admin@bristol.test')
  await admin.goto(app.base + '/admin/import')
  await whole(admin)
  const good = 'reference,title,summary,phase,contactEmail\r\nNJ-1,Noscript lighting,Report a broken light.,alpha,team@bristol.test\r\n'
  await admin.setInputFiles('#f-file', { name: 'tracker.csv', mimeType: 'text/csv', buffer: Buffer.from(good) })
  await admin.getByRole('button', { name: 'Check the file' }).click()
  await admin.getByRole('heading', { name: 'What would happen' }).waitFor()
  await admin.getByRole('button', { name: 'Import 1 project' }).click()
  await admin.getByRole('heading', { name: 'What happened' }).waitFor()
  await admin.getByRole('link', { name: 'Noscript lighting' }).waitFor()
  assert.deepEqual(admin.problems, [])
})

test('JavaScript off: a coordinator nudges a quiet project', async () => {
  await officer(app, { email: 'cole@network.test', name: 'Cole Coordinator', organisation: '', role: 'coordinator' })
  const quiet = (await h.api(app, 'GET', '/api/collections/projects/records?filter=' + encodeURIComponent("slug='garden-waste-renewals'"), undefined, app.suToken)).items[0]
  await h.api(app, 'PATCH', `/api/collections/projects/records/${quiet.id}`, { chaseStage: 2 }, app.suToken)
  const c = await page('cole@network.test')
  await c.goto(app.base + '/coordinator')
  await whole(c)
  assert.ok(await c.locator('svg[role="img"]').count() >= 2, 'the server draws the charts')
  await c.getByRole('button', { name: /Nudge the team behind Garden waste renewals/ }).click()
  assert.match(await c.inputValue('#f-message'), /Is Garden waste renewals still accurate/)
  await c.fill('#f-message', '')
  await c.getByRole('button', { name: /Send nudge/ }).click()
  await c.locator('.govuk-error-summary', { hasText: 'Write a message' }).waitFor()
  await c.fill('#f-message', 'Please confirm Garden waste renewals is still accurate.')
  await c.getByRole('button', { name: /Send nudge/ }).click()
  await c.getByText('Nudge sent').first().waitFor()
  const nudges = await h.api(app, 'GET', '/api/collections/nudges/records', undefined, app.suToken)
  assert.ok(nudges.totalItems >= 1)
  assert.deepEqual(c.problems, [])
})
