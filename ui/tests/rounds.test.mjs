// A funding round in a real browser: the funder's and the partner's
// journeys with JavaScript on, the bidder's with it off (each works either
// way: every step is a form the server answers), with axe scans of the
// pages (axe runs as a script, so only where scripts are on).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import * as h from './harness.mjs'
import { axe, launch, officer, signedIn, startPipeline, watchedPage } from './harness.mjs'

let app, browser

before(async () => {
  app = await startPipeline()
  browser = await launch()
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

async function scanned (page) {
  assert.deepEqual(await axe(page), [], `${page.url()} has accessibility violations`)
}

test('a funder runs a round; a council bids with a partner; the award shows on the project', async () => {
  const cardiff = await h.council(app, 'cardiff')
  await h.api(app, 'PATCH', '/api/collections/organisations/records/' + cardiff.id, { funder: true }, app.suToken)
  const leeds = await h.council(app, 'leeds')
  const bristol = await h.council(app, 'city-of-bristol')
  await officer(app, { email: 'funder@cardiff.test', name: 'Ffion Funder', organisation: cardiff.id })
  await officer(app, { email: 'lead@leeds.test', name: 'Lowri Lead', organisation: leeds.id })
  await officer(app, { email: 'partner@bristol.test', name: 'Pat Partner', organisation: bristol.id })
  const project = await h.api(app, 'POST', '/api/collections/projects/records', {
    title: 'Shared street works permits', summary: 'One permit service for street works.', organisation: leeds.id,
    phase: 'alpha', visibility: 'published', contactEmail: 'lead@leeds.test'
  }, app.suToken)

  // The funder, JavaScript on: create the round, then open it.
  const f = await watchedPage(await signedIn(browser, app, 'funder@cardiff.test'))
  await f.goto(app.base + '/rounds')
  await f.getByRole('link', { name: 'Create a funding round' }).click()
  await scanned(f)
  const when = new Date(Date.now() + 20 * 86400000)
  await f.fill('#f-title', 'Street works fund')
  await f.fill('#f-pot', '100000')
  await f.fill('#f-maxAward', '40000')
  await f.fill('#f-minPartners', '2')
  await f.fill('#f-closesAt', String(when.getUTCDate()))
  await f.fill('#f-closesAt-month', String(when.getUTCMonth() + 1))
  await f.fill('#f-closesAt-year', String(when.getUTCFullYear()))
  await f.fill('#f-criteria', 'Impact | 3\nCollaboration | 2')
  await f.getByRole('button', { name: 'Save the round' }).click()
  await f.getByText('The round is saved as a draft').waitFor()
  await f.getByRole('button', { name: 'Open the round for bids' }).click()
  await f.getByText('The round is open').waitFor()
  const roundURL = new URL(f.url()).pathname.replace(/\/manage$/, '')

  // The lead, JavaScript off: bid, invite a partner.
  const l = await watchedPage(await signedIn(browser, app, 'lead@leeds.test', { javaScriptEnabled: false }))
  await l.goto(app.base + roundURL)
  await l.getByRole('button', { name: 'Bid for this round' }).click()
  await l.selectOption('#f-project', { label: project.title })
  await l.fill('#f-amount', '30000')
  await l.fill('#f-answer-0', 'Permits in a day, not a month.')
  await l.fill('#f-answer-1', 'Built with Bristol.')
  await l.getByRole('button', { name: 'Save the bid' }).click()
  await l.getByText('Your bid is saved as a draft').waitFor()
  await l.selectOption('#f-organisation', { label: bristol.name })
  await l.getByRole('button', { name: 'Invite' }).click()
  await l.getByText('The organisation is invited').waitFor()
  const bidURL = new URL(l.url()).pathname

  // The partner, JavaScript on: confirm.
  const p = await watchedPage(await signedIn(browser, app, 'partner@bristol.test'))
  await p.goto(app.base + bidURL)
  await scanned(p)
  await p.getByRole('button', { name: 'Confirm we are a partner' }).click()
  await p.getByText('Your organisation is a partner in this bid').waitFor()

  // The lead submits.
  await l.goto(app.base + bidURL)
  await l.getByRole('button', { name: 'Submit the bid' }).click()
  await l.getByText('Your bid is submitted to the funder').waitFor()

  // The round closes (a superuser moves the date; close_rounds runs).
  const id = roundURL.split('/').pop()
  await h.api(app, 'PATCH', '/api/collections/rounds/records/' + id, { closesAt: new Date(Date.now() - 60000).toISOString().replace('T', ' ') }, app.suToken)
  const res = await fetch(app.base + '/api/crons/close_rounds', { method: 'POST', headers: { Authorization: app.suToken } })
  assert.equal(res.status, 204)

  // The funder scores, funds and decides.
  await f.goto(app.base + roundURL + '/manage')
  await scanned(f)
  await f.locator('input[name^="score-"]').first().fill('4')
  await f.locator('input[name^="score-"]').nth(1).fill('5')
  await f.getByRole('button', { name: /^Save scores/ }).click()
  await f.getByText('Your scores are saved').waitFor()
  await f.locator('input[name="amount"]').fill('30000')
  await f.getByRole('button', { name: /^Fund/ }).click()
  await f.getByText('The bid is funded: £30,000').waitFor()
  await f.getByRole('button', { name: 'Decide the round' }).click()
  await f.getByText('The round is decided').waitFor()
  assert.match(await f.locator('main').innerText(), /Funded projects[\s\S]*Shared street works permits/)

  // Everyone sees the award; Bristol is now a partner of the project.
  const v = await watchedPage(await browser.newContext())
  await v.goto(app.base + '/projects/' + project.slug)
  assert.match(await v.locator('#funded').innerText(), /Funded by City of Cardiff Council in Street works fund, £30,000/)
  assert.match(await v.locator('.govuk-summary-list').first().innerText(), /Partners[\s\S]*Bristol/)
  await v.goto(app.base + roundURL)
  assert.match(await v.locator('main').innerText(), /Awards[\s\S]*Shared street works permits/)
  for (const page of [f, l, p, v]) assert.deepEqual(page.problems, [])
})
