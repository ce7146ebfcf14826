// Report once (issue 19), in a browser: an officer gives the project the
// team's weeknotes feed (served here, on loopback), reads it now with
// JavaScript off, and sees what it gave on the edit page and the entries
// as updates on the project's page, each linking to the rest; axe checks
// both pages with JavaScript on.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createServer } from 'node:http'

import { api, axe, council, freePort, launch, officer, PASSWORD, signedIn, startPipeline, watchedPage } from './harness.mjs'

process.env.PIPELINE_FEEDS_ALLOW_LOOPBACK = '1'

let app, browser, feed, project

const ago = (days) => new Date(Date.now() - days * 86400e3).toISOString()
const atom = (base) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Leeds digital weeknotes</title><id>${base}/</id><updated>${ago(1)}</updated>
<entry><title>Weeknote 12: testing the bin day finder</title><link href="${base}/weeknote-12/"/><id>${base}/weeknote-12/</id>
<updated>${ago(1)}</updated><summary type="html">&lt;p&gt;We tested with &lt;b&gt;eight&lt;/b&gt; residents.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</summary></entry>
<entry><title>Weeknote 11: routes arrive</title><link href="${base}/weeknote-11/"/><id>${base}/weeknote-11/</id>
<updated>${ago(8)}</updated><summary>The crews' routes are in.</summary></entry>
</feed>`

before(async () => {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  feed = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/atom+xml')
    res.end(atom(base))
  })
  await new Promise((resolve) => feed.listen(port, '127.0.0.1', resolve))
  feed.base = base
  app = await startPipeline()
  browser = await launch()
  const leeds = await council(app, 'leeds')
  await officer(app, { email: 'officer@leeds.test', name: 'Lee Officer', organisation: leeds.id })
  const token = (await api(app, 'POST', '/api/collections/users/auth-with-password', { identity: 'officer@leeds.test', password: PASSWORD })).token
  project = await api(app, 'POST', '/api/collections/projects/records', {
    organisation: leeds.id, title: 'Bin day finder', summary: 'Find your bin day.', phase: 'alpha', visibility: 'published',
    contactEmail: 'officer@leeds.test'
  }, token)
})

after(async () => {
  await browser?.close()
  await app?.stop()
  await new Promise((resolve) => feed?.close(resolve))
})

test('an officer gives the team feed, reads it now without JavaScript, and its entries are updates', async () => {
  const page = await watchedPage(await signedIn(browser, app, 'officer@leeds.test', { javaScriptEnabled: false }))
  await page.goto(`${app.base}/projects/${project.slug}/edit`)
  await page.getByLabel('Feed of your weeknotes or blog').fill('http://10.0.0.5/feed', { timeout: 5000 })
  await page.locator('form[method=post] button[type=submit]').first().click({ timeout: 5000 })
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.locator('.govuk-error-summary').innerText(), /private network/)
  await page.getByLabel('Feed of your weeknotes or blog').fill(feed.base + '/feed.atom', { timeout: 5000 })
  await page.locator('form[method=post] button[type=submit]').first().click({ timeout: 5000 })
  await page.goto(`${app.base}/projects/${project.slug}/edit#feeds`)
  assert.match(await page.locator('#feeds').innerText(), /Reading your feeds/)
  await page.getByRole('button', { name: 'Read it now' }).click({ timeout: 5000 })
  const edit = await page.locator('#main-content').innerText()
  assert.match(edit, /2 new updates from 2 entries/, edit)
  await page.goto(`${app.base}/projects/${project.slug}`)
  const text = await page.locator('#main-content').innerText()
  assert.match(text, /Weeknote 12: testing the bin day finder/)
  assert.match(text, /We tested with eight residents\./)
  assert.doesNotMatch(text, /alert\(1\)/)
  assert.equal(await page.locator(`a[href="${feed.base}/weeknote-12/"]`).count() > 0, true, 'links to the rest')
  assert.deepEqual(page.problems, [])

  const on = await watchedPage(await signedIn(browser, app, 'officer@leeds.test'))
  for (const path of [`/projects/${project.slug}/edit`, `/projects/${project.slug}`]) {
    await on.goto(app.base + path)
    assert.deepEqual(await axe(on), [], path)
  }
  assert.deepEqual(on.problems, [])
})
