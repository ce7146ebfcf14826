// Cross-site scripting: every free-text field a person can write holds a
// script payload, and every page that shows it is opened as the people who
// see it. The pages run with the Content-Security-Policy bypassed, so a
// payload that became markup would run: the test proves the escaping, not
// the policy. A page passes when no payload ran (window.__xss stays empty,
// no dialog opened), the document holds no markup a payload could have
// made (event-handler attributes, script: addresses, frames, scripts that
// name __xss), and the payloads it shows appear as literal text.
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import { api, authState, council, decodeQP, launch, officer, PASSWORD, settled, signedIn, startPipeline } from './harness.mjs'

let app, browser
const P = {} // field key -> the payload stored in it
const ids = {} // records made by the seeding
const slugs = {}
let backdated = false // whether the coordinator's unanswered-interest queue was filled

// ---------------------------------------------------------------------------
// Payloads. Each carries its key, so a payload that runs says which field
// leaked; keys are chosen so that no payload contains another.

/** For fields of 200 characters or more. */
function long (key) {
  return `${key}: <img src=x onerror="window.__xss.push('${key}')"> "><svg onload="window.__xss.push('${key}')"></svg> '><script>window.__xss.push('${key}');alert('${key}')</script>`
}

/** For fields of 150 characters. */
function mid (key) {
  return `${key}: <img src=x onerror="window.__xss.push('${key}')"> "><svg onload="alert('${key}')">`
}

/** For fields of 100 characters. */
function short (key) {
  return `${key}<img src=x onerror=__xss.push('${key}')>`
}

/** For long text: more ways out of an element or attribute. */
function extra (key) {
  return long(key) + ` <iframe srcdoc="<script>parent.__xss.push('${key}')</script>"></iframe>` +
    ` <a href="javascript:window.__xss.push('${key}')">${key} link</a>` +
    ` <math><mtext><table><mglyph><style><img src=x onerror="window.__xss.push('${key}')">` +
    ` </textarea><img src=x onerror="window.__xss.push('${key}')"> {{constructor.constructor('window.__xss.push(1)')()}}`
}

function payload (key, make, max) {
  const value = make(key)
  if (value.length > max) throw new Error(`payload ${key} is ${value.length} characters, more than ${max}`)
  P[key] = value
  return value
}

// ---------------------------------------------------------------------------
// Seeding, through the API, as the people who may write each field.

async function as (email) {
  return JSON.parse(await authState(app, email)).token
}

before(async () => {
  app = await startPipeline()
  browser = await launch()
  const su = app.suToken
  const leeds = await council(app, 'leeds')
  const bristol = await council(app, 'city-of-bristol')
  const camden = await council(app, 'camden')
  ids.leeds = leeds.id

  // People: names and job titles are theirs to write.
  const owner = await officer(app, { email: 'owner@leeds.test', name: payload('nameOwner', long, 200), organisation: leeds.id })
  await api(app, 'PATCH', `/api/collections/users/records/${owner.id}`, { jobTitle: payload('jobOwner', mid, 150), emailFrequency: 'immediate' }, await as('owner@leeds.test'))
  await officer(app, { email: 'admin@leeds.test', name: 'Ada Admin', organisation: leeds.id, role: 'orgAdmin' })
  const bea = await officer(app, { email: 'officer@bristol.test', name: payload('nameBea', long, 200), organisation: bristol.id })
  await officer(app, { email: 'officer@camden.test', name: payload('nameCamden', long, 200), organisation: camden.id })
  await officer(app, { email: 'coord@network.test', name: payload('nameCoord', long, 200), organisation: '', role: 'coordinator' })
  ids.owner = owner.id
  ids.bea = bea.id
  // People waiting to join: one where there is an admin, one where only a
  // coordinator can answer.
  for (const [email, org, name, job] of [
    ['pending@leeds.test', leeds.id, 'pendLeeds', 'pjobLeeds'],
    ['pending@bristol.test', bristol.id, 'pendBristol', 'pjobBristol']]) {
    await api(app, 'POST', '/api/collections/users/records', {
      email, password: PASSWORD, passwordConfirm: PASSWORD, verified: true, organisation: org, role: 'officer', membership: 'pending',
      name: payload(name, long, 200), jobTitle: payload(job, mid, 150)
    }, su)
  }

  // Organisations: a coordinator keeps names and regions, an admin the profile.
  const coordToken = await as('coord@network.test')
  await api(app, 'PATCH', `/api/collections/organisations/records/${leeds.id}`, { name: payload('orgLeeds', long, 200), region: payload('regionLeeds', short, 100) }, coordToken)
  await api(app, 'PATCH', `/api/collections/organisations/records/${bristol.id}`, { name: payload('orgBristol', long, 200) }, coordToken)
  const adminToken = await as('admin@leeds.test')
  await api(app, 'PATCH', `/api/collections/organisations/records/${leeds.id}`, {
    shortName: payload('shortLeeds', short, 100), description: payload('descLeeds', extra, 2000), website: 'https://leeds.example/'
  }, adminToken)

  // Projects.
  const ownerToken = await as('owner@leeds.test')
  const beaToken = await as('officer@bristol.test')
  const camToken = await as('officer@camden.test')
  const potholes = ' Report potholes in the road and follow their repair.'
  // Unrelated work, so that the words the pothole projects share are rare
  // enough for them to form a cluster of similar work.
  for (const title of ['Library room booking', 'Council tax direct debits', 'Parking permit renewals', 'Planning application tracker',
    'Blue badge applications', 'School admissions appeals', 'Allotment waiting list', 'Registering a birth online']) {
    await api(app, 'POST', '/api/collections/projects/records', { title, summary: title + ' for residents.', organisation: camden.id, phase: 'live', visibility: 'published', contactEmail: 'team@example.test' }, su)
  }
  const c = await api(app, 'POST', '/api/collections/projects/records', {
    title: payload('titleC', long, 200), summary: 'Pothole reporting.' + potholes, organisation: bristol.id,
    phase: 'alpha', visibility: 'published', contactEmail: 'team@example.test', tags: ['potholes', 'roads']
  }, beaToken)
  const d = await api(app, 'POST', '/api/collections/projects/records', {
    title: payload('titleD', long, 200), summary: 'Pothole reporting.' + potholes, organisation: camden.id,
    phase: 'beta', visibility: 'published', contactEmail: 'team@example.test', tags: ['potholes', 'roads']
  }, camToken)
  const year = new Date().getUTCFullYear()
  const a = await api(app, 'POST', '/api/collections/projects/records', {
    title: payload('titleA', long, 200),
    summary: payload('summaryA', long, 300 - potholes.length) + potholes,
    description: 'Why we are doing this.\n\n' + payload('descA', (k) => extra(k).replace(' {{', ' zebracrossing {{'), 10000),
    contactName: payload('contactA', long, 200),
    contactEmail: 'contact@leeds.test',
    tags: [payload('tag1', () => "<svg onload=__xss.push('tag1')>", 40), payload('tag2', () => `"><img src=x onerror=alert('tag2')>`, 40), 'potholes'],
    links: [{ label: payload('linkLabelA', short, 100), url: 'https://example.com/?q=%22%3E%3Cimg%20src%3Dx%3E' }],
    outcome: payload('outcomeA', extra, 10000),
    outcomeWorked: payload('workedA', extra, 5000),
    outcomeDidNotWork: payload('notWorkedA', extra, 5000),
    outcomeReusable: payload('reusableA', extra, 5000),
    outcomeSavings: payload('savingsA', extra, 2000),
    externalRef: payload('refA', short, 100),
    phase: 'discovery', phaseStart: `${year}-01-01 00:00:00.000Z`, phaseEnd: `${year + 1}-06-30 00:00:00.000Z`,
    visibility: 'published', contactEmail: 'team@example.test', organisation: leeds.id, partners: [bristol.id], reuses: [c.id]
  }, ownerToken)
  const b = await api(app, 'POST', '/api/collections/projects/records', {
    title: payload('titleB', long, 200), summary: payload('summaryB', long, 300), organisation: leeds.id, phase: 'alpha', visibility: 'published', contactEmail: 'team@example.test'
  }, ownerToken)
  Object.assign(ids, { a: a.id, b: b.id, c: c.id, d: d.id })
  Object.assign(slugs, { a: a.slug, b: b.slug, c: c.slug, d: d.slug })
  await api(app, 'POST', `/api/pipeline/projects/${b.id}/close`, { continuedIn: a.id, reason: 'duplicate' }, ownerToken)

  // An update, interest, a partner call and a pledge.
  await api(app, 'POST', '/api/collections/updates/records', { project: a.id, body: payload('updateA', extra, 10000) }, ownerToken)
  await api(app, 'POST', '/api/collections/interests/records', { project: a.id, kind: 'join', message: payload('messageA', extra, 2000) }, beaToken)
  const waiting = await api(app, 'POST', '/api/collections/interests/records', { project: a.id, kind: 'reuse', message: payload('messageD', long, 2000) }, camToken)
  const call = await api(app, 'POST', '/api/collections/calls/records', {
    project: a.id, description: payload('callDesc', extra, 5000), partnersCommit: payload('callCommit', extra, 2000),
    partnersGet: payload('callGet', extra, 2000), goalPartners: 2,
    deadline: new Date(Date.now() + 30 * 86400000).toISOString().replace('T', ' ')
  }, ownerToken)
  await api(app, 'POST', '/api/collections/pledges/records', { call: call.id, funding: 1000, note: payload('pledgeNote', extra, 2000) }, beaToken)

  // A saved search, with a name and a filter of the owner's choosing.
  await api(app, 'POST', '/api/collections/savedSearches/records', {
    name: payload('savedName', short, 100), query: 'potholes', filters: { region: short('savedRegion') }
  }, ownerToken)

  // A coordinator features one project, finds another going quiet and
  // nudges its team with a message of their own.
  await api(app, 'POST', `/api/pipeline/projects/${a.id}/feature`, { featured: true }, coordToken)
  await api(app, 'PATCH', `/api/collections/projects/records/${b.id}`, { chaseStage: 1 }, su)
  await api(app, 'POST', '/api/pipeline/coordinator/nudge', { project: b.id, message: payload('nudgeMsg', extra, 5000) }, coordToken)

  // Notifications are Pipeline's to write; one written as a superuser
  // could (the dashboard allows it) carry any text and address.
  await api(app, 'POST', '/api/collections/notifications/records', {
    user: owner.id, kind: 'nudge', title: payload('notifTitle', long, 300), body: payload('notifBody', extra, 5000),
    url: "javascript:window.__xss.push('notifUrl')", emailState: 'skipped'
  }, su)

  // Unanswered interest reaches the coordinator after 7 days; the API
  // keeps creation dates, so the database is changed directly when the
  // sqlite3 program is there.
  try {
    execFileSync('sqlite3', ['-cmd', '.timeout 5000', join(app.dir, 'data.db'),
      `UPDATE interests SET created = '2020-01-01 00:00:00.000Z' WHERE id = '${waiting.id}'`], { stdio: 'ignore' })
    backdated = true
  } catch (err) {}
})

after(async () => {
  await browser?.close()
  await app?.stop()
})

// ---------------------------------------------------------------------------
// Looking at pages.

async function context (email) {
  const options = { bypassCSP: true }
  const ctx = email ? await signedIn(browser, app, email, options) : await browser.newContext(options)
  await ctx.addInitScript(() => { window.__xss = [] })
  return ctx
}

/**
 * Opens path, optionally does something on it, and checks that nothing
 * ran and that each expected payload shows as text.
 */
async function visit (ctx, path, expected = [], act) {
  const page = await ctx.newPage()
  const dialogs = []
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}) })
  const res = await page.goto(app.base + path)
  assert.ok(res, `no response for ${path}`)
  await settled(page)
  await check(page, path, expected, dialogs)
  if (act) {
    await act(page)
    await page.waitForLoadState('networkidle')
    await check(page, path + ' (after acting)', [], dialogs)
  }
  await page.close()
}

async function check (page, where, expected, dialogs) {
  const found = await page.evaluate(() => {
    const bad = []
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        const name = a.name.toLowerCase()
        if (name.startsWith('on')) bad.push(`<${el.localName} ${name}>`)
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name) &&
          /^\s*(javascript|vbscript|data:text\/html)/i.test(a.value)) bad.push(`<${el.localName} ${name}="${a.value}">`)
      }
      if (['iframe', 'object', 'embed', 'frame'].includes(el.localName)) bad.push(`<${el.localName}>`)
      // schema.org data (JSON-LD) is never run: a payload may be in it as
      // data, so long as the block stays one whole JSON value.
      if (el.localName === 'script' && el.type === 'application/ld+json') {
        try { JSON.parse(el.textContent) } catch { bad.push('<script type="application/ld+json"> that is not JSON') }
      } else if (el.localName === 'script' && /__xss/.test(el.textContent)) bad.push('<script> naming __xss')
      if (el.localName === 'img' && el.getAttribute('src') === 'x') bad.push('<img src=x>')
    }
    const values = [...document.querySelectorAll('input, textarea, select')].map((e) => e.value)
    return { ran: window.__xss, bad, text: [document.title, document.documentElement.textContent, ...values].join('\n') }
  })
  assert.deepEqual(found.ran, [], `${where}: payloads ran`)
  assert.deepEqual(dialogs, [], `${where}: a dialog opened`)
  assert.deepEqual(found.bad, [], `${where}: markup from a payload`)
  for (const key of expected) {
    assert.ok(found.text.includes(P[key] ?? key), `${where}: ${key} does not show as text`)
  }
}

const A = () => '/projects/' + slugs.a
const projectA = ['titleA', 'summaryA', 'descA', 'contactA', 'tag1', 'tag2', 'linkLabelA', 'outcomeA', 'workedA', 'notWorkedA',
  'reusableA', 'savingsA', 'orgLeeds', 'orgBristol', 'callDesc', 'callCommit', 'callGet', 'updateA', 'titleC']

// ---------------------------------------------------------------------------

test('the API refuses script addresses in address fields', async () => {
  const token = await as('admin@leeds.test')
  for (const website of ["javascript:window.__xss.push('website')", 'javascript://leeds.example/%0Aalert(1)', 'data:text/html,<script>alert(1)</script>']) {
    await assert.rejects(api(app, 'PATCH', `/api/collections/organisations/records/${ids.leeds}`, { website }, token), /400/, website)
  }
  const owner = await as('owner@leeds.test')
  for (const url of ["javascript:window.__xss.push('link')", 'JavaScript://example.com/%0Aalert(1)', 'data:text/html,x']) {
    await assert.rejects(api(app, 'PATCH', `/api/collections/projects/records/${ids.a}`, { links: [{ label: 'x', url }] }, owner), /400/, url)
  }
})

test('a visitor sees every payload as text', async () => {
  const ctx = await context()
  await visit(ctx, '/', ['titleA', 'summaryA', 'orgLeeds', 'updateA'])
  await visit(ctx, '/projects', ['titleA', 'titleB', 'titleC', 'titleD', 'summaryA', 'orgLeeds', 'orgBristol'])
  await visit(ctx, '/projects?q=zebracrossing', ['titleA'], async (page) => {
    // The snippet is the one piece of server-made markup: text around the
    // match, escaped, with <mark> around the words that match.
    const snippet = page.locator('.app-snippet').first()
    assert.match(await snippet.innerText(), /onerror="window\.__xss\.push\('descA'\)">/)
    assert.equal(await snippet.locator('mark').first().innerText(), 'zebracrossing')
    assert.equal(await snippet.locator(':not(mark)').count(), 0, 'the snippet holds only <mark> elements')
  })
  await visit(ctx, A(), projectA, async (page) => {
    assert.equal(await page.locator('h1').innerText(), P.titleA)
    assert.equal(await page.title(), `${P.titleA} – Pipeline`)
  })
  await visit(ctx, '/projects/' + slugs.b, ['titleB', 'summaryB', 'titleA'])
  await visit(ctx, '/projects/' + slugs.c, ['titleC', 'titleA', 'orgBristol'])
  await visit(ctx, '/organisations?hasProjects=1', ['orgLeeds', 'regionLeeds', 'orgBristol'])
  await visit(ctx, '/organisations/leeds', ['orgLeeds', 'regionLeeds', 'descLeeds', 'titleA', 'titleB'], async (page) => {
    assert.equal(await page.locator('h1').innerText(), P.orgLeeds)
  })
  await visit(ctx, '/organisations/city-of-bristol', ['orgBristol', 'titleC', 'titleA'])
  await visit(ctx, '/timeline', ['titleA', 'orgLeeds'])
  await ctx.close()
})

/** A one-click link as an email carries it, signed with the instance's secret. */
async function signedLink (action, user, project) {
  const cfg = await api(app, 'GET', '/api/collections/config/records', undefined, app.suToken)
  const secret = cfg.items[0].linkSecret
  const body = Buffer.from(JSON.stringify({ a: action, u: user, p: project, e: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url')
  const sig = createHmac('sha256', secret).update('pipeline-link\x00' + body).digest('base64url')
  return `/api/pipeline/${action}?token=${body}.${sig}`
}

test('the pages one-click email links open show titles as text', async () => {
  const ctx = await context()
  // A followed link only asks; its button does it, and the answer names
  // the project as text too.
  const press = async (page) => {
    await Promise.all([page.waitForLoadState('load'), page.locator('button[type=submit]').click()])
    assert.ok((await page.locator('h1').innerText()).includes(P.titleA), 'the answer names the project')
  }
  await visit(ctx, await signedLink('confirm', ids.owner, ids.a), ['titleA'], press)
  await visit(ctx, await signedLink('mute', ids.bea, ids.a), ['titleA'], press)
  await visit(ctx, '/api/pipeline/confirm?token=' + encodeURIComponent(long('badToken')), [])
  await ctx.close()
})

test("a project's owner sees every payload as text in My Pipeline and the forms", async () => {
  const ctx = await context('owner@leeds.test')
  await visit(ctx, '/my', ['titleA', 'titleB', 'messageA', 'nameBea', 'orgBristol', 'notifTitle', 'notifBody', 'nudgeMsg', 'nameCoord'], async (page) => {
    // Answering interest and confirming a project say so, by name and title.
    await page.locator('.govuk-tabs__tab[href="#interest-received"]').click()
    await page.locator('#received-list form:has(input[name="state"][value="acknowledged"]) button').first().click()
    await page.locator('.govuk-notification-banner--success', { hasText: 'You have acknowledged' }).waitFor()
    await page.locator('.govuk-tabs__tab[href="#projects"]').click()
    await page.locator('#projects-list form:has(input[name="action"][value="confirm"]) button').first().click()
    await page.locator('.govuk-notification-banner--success', { hasText: 'confirmed as still accurate' }).waitFor()
  })
  await visit(ctx, A(), ['titleA', 'summaryA', 'nameOwner'])
  await visit(ctx, A() + '/edit', ['titleA', 'summaryA', 'descA', 'contactA', 'tag1', 'tag2', 'linkLabelA', 'outcomeA', 'workedA',
    'notWorkedA', 'reusableA', 'savingsA'], async (page) => {
    // Messages about what was typed carry it back to the page.
    await page.fill('#f-tags', `"><img src=x onerror="window.__xss.push('longTag')"> and more`)
    await page.fill('#f-links', `x | javascript:window.__xss.push('formLink')//"><img src=x onerror="window.__xss.push('formLink2')">`)
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    const errors = await page.locator('.govuk-error-summary').innerText()
    assert.match(errors, /<img src=x onerror="window.__xss.push\('longTag'\)">/)
    assert.match(errors, /javascript:window.__xss.push\('formLink'\)/)
  })
  await visit(ctx, A() + '/update', ['titleA'])
  await visit(ctx, A() + '/call', ['titleA'])
  await visit(ctx, '/projects?q=potholes', ['savedName', 'titleA'])
  await ctx.close()
})

test('an organisation admin sees every payload as text', async () => {
  const ctx = await context('admin@leeds.test')
  await visit(ctx, '/admin/members', ['pendLeeds', 'pjobLeeds', 'nameOwner', 'jobOwner', 'orgLeeds', 'shortLeeds', 'descLeeds'])
  await visit(ctx, '/portfolio', ['titleA', 'titleB', 'orgLeeds'])
  const csv = (rows) => rows.map((r) => r.map((v) => `"${String(v).replaceAll('"', '""')}"`).join(',')).join('\r\n') + '\r\n'
  const file = csv([
    ['reference', 'title', 'summary', 'phase', 'phaseStart'],
    [payload('csvRef', short, 100), payload('csvTitle', long, 200), 'A summary.', 'alpha', ''],
    ['CSV-2', 'A title', 'A summary.', 'alpha', payload('csvDate', short, 100)]
  ])
  await visit(ctx, '/admin/import', [], async (page) => {
    await page.setInputFiles('#f-file', { name: 'tracker.csv', mimeType: 'text/csv', buffer: Buffer.from(file) })
    await page.getByRole('button', { name: 'Check the file' }).click()
    await page.locator('#import-result').getByRole('heading', { name: 'What would happen' }).waitFor()
    const result = await page.locator('#import-result').innerText()
    for (const key of ['csvRef', 'csvTitle', 'csvDate']) assert.ok(result.includes(P[key]), `${key} shows in the import check`)
  })
  await ctx.close()
})

test('an officer of another council sees their own interest, pledge and muted project as text', async () => {
  const ctx = await context('officer@bristol.test')
  await visit(ctx, A(), ['titleA', 'messageA', 'pledgeNote', 'orgLeeds', 'orgBristol', 'callDesc'])
  await visit(ctx, '/my', ['titleA', 'titleC', 'orgLeeds'], async (page) => {
    const muted = await page.locator('#muted').innerText()
    assert.ok(muted.includes(P.titleA), 'the muted project shows by its title')
  })
  await visit(ctx, '/join', ['orgBristol'])
  await ctx.close()
})

test('people waiting to join see their organisation as text', async () => {
  const ctx = await context('pending@leeds.test')
  await visit(ctx, '/join', ['orgLeeds'])
  await visit(ctx, '/my', ['orgLeeds'])
  await ctx.close()
})

test('a coordinator sees every queue as text', async (t) => {
  const ctx = await context('coord@network.test')
  const queues = await api(app, 'GET', '/api/pipeline/coordinator/queues', undefined, await as('coord@network.test'))
  assert.ok(queues.clusters.some((c) => c.projects.some((p) => p.id === ids.c)), 'the pothole projects form a cluster')
  const expected = ['titleB', 'orgLeeds', 'titleA', 'pendBristol', 'orgBristol', 'titleC', 'titleD']
  if (backdated) expected.push('nameCamden')
  else t.diagnostic('without the sqlite3 program interest cannot be backdated, so the unanswered-interest queue is not checked')
  await visit(ctx, '/coordinator', expected, async (page) => {
    await page.getByRole('button', { name: /^Nudge the team behind/ }).first().click()
    const message = await page.locator('#f-message').inputValue()
    assert.ok(message.includes(P.titleB), 'the nudge form quotes the title')
  })
  await visit(ctx, '/admin/members', ['pendBristol', 'pjobBristol', 'pendLeeds', 'pjobLeeds', 'orgBristol', 'orgLeeds'])
  await visit(ctx, '/portfolio?organisation=leeds', ['titleA', 'orgLeeds'])
  await ctx.close()
})

test('payloads in the address are not run either', async () => {
  const ctx = await context()
  const q = long('reflected')
  await visit(ctx, '/projects?q=' + encodeURIComponent(q), [q])
  await visit(ctx, `/timeline?tag=${encodeURIComponent(short('reflTag'))}&region=${encodeURIComponent(short('reflRegion'))}`, [])
  await visit(ctx, '/organisations?q=' + encodeURIComponent(short('reflorg')), [])
  await visit(ctx, '/projects/' + encodeURIComponent(short('reflSlug')), [])
  await visit(ctx, '/sign-in?next=' + encodeURIComponent("javascript:window.__xss.push('next')"), [], async (page) => {
    await page.fill('#f-email', 'officer@bristol.test')
    await page.fill('#f-password', PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((u) => u.pathname === '/my')
  })
  await ctx.close()
})

test('emails escape the payloads, and open data is never served as HTML', async () => {
  const res = await fetch(app.base + '/api/crons/deliver_notifications', { method: 'POST', headers: { Authorization: app.suToken } })
  assert.equal(res.status, 204)
  // The job runs in the background and sends one email at a time (and the
  // every-minute schedule may have sent others already): wait for the
  // email that carries the payloads, not just for the first email.
  const escaped = (p) => p.includes('&lt;img src=x onerror=')
  let htmlParts = []
  for (let i = 0; i < 150 && !htmlParts.some(escaped); i++) {
    htmlParts = app.smtp.messages.flatMap(htmlOf)
    if (!htmlParts.some(escaped)) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  assert.ok(htmlParts.length, 'an email was sent')
  for (const part of htmlParts) {
    assert.doesNotMatch(part, /<(img|svg|script|iframe|math)\b/i, 'no payload markup in an email')
    assert.doesNotMatch(part, /href="javascript:/i)
  }
  assert.ok(htmlParts.some(escaped), 'the payloads are in the emails, escaped')

  for (const path of ['/feeds/projects.atom', '/feeds/organisations/leeds.atom', `/feeds/projects/${ids.a}.atom`,
    '/export/projects.json', '/export/projects.csv', '/calendar.ics']) {
    const r = await fetch(app.base + path)
    assert.equal(r.status, 200, path)
    assert.doesNotMatch(r.headers.get('content-type') || 'none', /html|none/, `${path} is not served as HTML`)
  }
})

/** The HTML parts of a raw email, decoded. */
function htmlOf (raw) {
  const parts = []
  for (const part of raw.split(/\n--[^\n]+\n/)) {
    const split = part.indexOf('\n\n')
    if (split < 0) continue
    const headers = part.slice(0, split)
    let body = part.slice(split + 2)
    if (!/^Content-Type: text\/html/im.test(headers)) continue
    if (/^Content-Transfer-Encoding:\s*base64/im.test(headers)) body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    else if (/^Content-Transfer-Encoding:\s*quoted-printable/im.test(headers)) body = Buffer.from(decodeQP(body), 'latin1').toString('utf8')
    parts.push(body)
  }
  return parts
}
