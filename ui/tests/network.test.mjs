// A network of real Pipelines: three binaries on loopback, each with its
// own data, trusting one another over ActivityPub (issue 18). A stands for
// Leeds's own Pipeline, B for the network's, C for an instance A blocks. A
// fourth server, written here, plays a fediverse account (and a peer with a
// key the test holds, to forge and replay requests).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { createHash, createSign, generateKeyPairSync } from 'node:crypto'
import { startPipeline, api, council, officer, emailTo, freePort, PASSWORD, launch, signedIn, watchedPage, axe } from './harness.mjs'

process.env.PIPELINE_FEDERATION_ALLOW_LOOPBACK = '1'

let A, B, C, fake
const leeds = { email: 'lee@leeds.test', name: 'Lee Officer' }
const bristol = { email: 'bea@bristol.test', name: 'Bea Officer' }

/** Runs a cron job now. */
async function runJob (app, id) {
  const res = await fetch(`${app.base}/api/crons/${id}`, { method: 'POST', headers: { Authorization: app.suToken } })
  assert.equal(res.status, 204, `${id} on ${app.base}`)
}

/** Waits until check() answers something truthy, running jobs meanwhile. */
async function until (what, check, jobs = []) {
  for (let i = 0; i < 100; i++) {
    for (const [app, id] of jobs) await runJob(app, id)
    const v = await check()
    if (v) return v
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('waited in vain for ' + what)
}

async function remoteProjects (app, filter = '') {
  const q = filter ? `?filter=${encodeURIComponent(filter)}` : ''
  return (await api(app, 'GET', `/api/collections/remoteProjects/records${q}`)).items
}

async function signIn (app, email) {
  return (await api(app, 'POST', '/api/collections/users/auth-with-password', { identity: email, password: PASSWORD })).token
}

async function publish (app, token, org, title, summary) {
  return api(app, 'POST', '/api/collections/projects/records', {
    organisation: org, title, summary, description: summary, phase: 'discovery', visibility: 'published',
    contactEmail: leeds.email, tags: ['waste', 'bins']
  }, token)
}

/** A server of the fediverse with a key the test holds. */
async function startFake () {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const actor = base + '/ap/organisations/sam'
  const received = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => { body += c })
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/ap/organisations/sam') {
        res.setHeader('Content-Type', 'application/activity+json')
        res.end(JSON.stringify({
          '@context': ['https://www.w3.org/ns/activitystreams'], id: actor, type: 'Person', preferredUsername: 'sam',
          name: 'Sam on Mastodon', inbox: actor + '/inbox',
          publicKey: { id: actor + '#main-key', owner: actor, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) }
        }))
        return
      }
      if (req.method === 'POST' && req.url === '/ap/organisations/sam/inbox') {
        received.push({ headers: req.headers, body: JSON.parse(body) })
        res.statusCode = 202
        res.end()
        return
      }
      res.statusCode = 404
      res.end()
    })
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  /** Signs a POST of activity to target's inbox path, as HTTP Signatures do. */
  const signed = (target, activity, { date = new Date(), key = privateKey, keyId = actor + '#main-key' } = {}) => {
    const url = new URL(target)
    const body = JSON.stringify(activity)
    const digest = 'SHA-256=' + createHash('sha256').update(body).digest('base64')
    const headers = { Date: date.toUTCString(), Digest: digest, 'Content-Type': 'application/activity+json' }
    const text = `(request-target): post ${url.pathname}\nhost: ${url.host}\ndate: ${headers.Date}\ndigest: ${digest}`
    const signature = createSign('RSA-SHA256').update(text).sign(key, 'base64')
    headers.Signature = `keyId="${keyId}",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="${signature}"`
    return { url: target, body, headers }
  }
  const send = ({ url, body, headers }) => fetch(url, { method: 'POST', headers, body })
  return { base, actor, received, signed, send, close: () => new Promise((resolve) => server.close(resolve)) }
}

before(async () => {
  [A, B, C] = [await startPipeline(), await startPipeline(), await startPipeline()]
  fake = await startFake()
  for (const app of [A, B, C]) {
    app.leeds = await council(app, 'leeds')
    app.bristol = await council(app, 'city-of-bristol')
  }
  await officer(A, { ...leeds, organisation: A.leeds.id })
  const bea = await officer(B, { ...bristol, organisation: B.bristol.id })
  await api(B, 'PATCH', `/api/collections/users/records/${bea.id}`, { emailFrequency: 'immediate' }, B.suToken)
  await officer(C, { email: 'cy@leeds.test', name: 'Cy', organisation: C.leeds.id })
  A.token = await signIn(A, leeds.email)
  B.token = await signIn(B, bristol.email)
  C.token = await signIn(C, 'cy@leeds.test')
})

after(async () => {
  for (const app of [A, B, C]) await app?.stop()
  await fake?.close()
})

test('a network of Pipelines: publish, update, delete, interest there and back, refusals, an instance down', async (t) => {
  let first
  await t.test('a project published before the peers trusted each other is back-filled', async () => {
    first = await publish(A, A.token, A.leeds.id, 'Bin collection day finder', 'Residents find their bin day by postcode.')
    await api(A, 'POST', '/api/collections/peers/records', { url: B.base, state: 'trusted' }, A.suToken)
    await api(B, 'POST', '/api/collections/peers/records', { url: A.base, state: 'trusted' }, B.suToken)
    const kept = await until("the project on B", () => remoteProjects(B).then((l) => l[0]), [[B, "sync_peers"]])
    assert.equal(kept.title, 'Bin collection day finder')
    assert.equal(kept.uri, `${A.base}/projects/${first.slug}`)
    assert.equal(kept.url, `${A.base}/projects/${first.slug}`)
    assert.equal(kept.organisation, B.leeds.id, 'matched to the same council on B by its GSS code')
    assert.equal(kept.organisationName, 'Leeds City Council')
    assert.deepEqual(kept.tags, ['waste', 'bins'])
  })

  await t.test('it is found like a local project: search, similar, the council page', async () => {
    const found = await api(B, 'GET', '/api/pipeline/search?q=bin%20day')
    assert.equal(found.remote.length, 1)
    assert.equal(found.remote[0].origin.host, new URL(A.base).host)
    assert.equal(found.remote[0].origin.url, `${A.base}/projects/${first.slug}`)
    const similar = await api(B, 'GET', '/api/pipeline/similar?title=' + encodeURIComponent('Find your bin collection day by postcode'))
    const hit = similar.items.find((h) => h.origin)
    assert.ok(hit, 'a remote project among similar ones: ' + JSON.stringify(similar))
    assert.equal(hit.origin.url, `${A.base}/projects/${first.slug}`)
    const page = await (await fetch(`${B.base}/organisations/leeds`)).text()
    assert.match(page, /Bin collection day finder/)
    assert.ok(page.includes(`href="${A.base}/projects/${first.slug}"`), 'links to the origin page')
    const list = await (await fetch(`${B.base}/projects?q=bin+day`)).text()
    assert.ok(list.includes(`href="${A.base}/projects/${first.slug}"`), 'the projects list shows it')
  })

  let second
  await t.test('news is delivered once followed: publish, update, status update', async () => {
    // B's follow of Leeds has been accepted once A delivered its Accept.
    await until('B follows Leeds', async () => {
      const res = await fetch(`${A.base}/ap/organisations/leeds/followers`, { headers: { Accept: 'application/activity+json' } })
      return (await res.json()).totalItems === 1
    })
    second = await publish(A, A.token, A.leeds.id, 'Pothole reporting', 'Report a pothole with a photo.')
    await until('the new project on B', () => remoteProjects(B, `title = "Pothole reporting"`).then((l) => l.length === 1))
    await api(A, 'PATCH', `/api/collections/projects/records/${second.id}`, { title: 'Pothole and pavement reporting' }, A.token)
    await until('the new title on B', () => remoteProjects(B, `uri = "${A.base}/projects/${second.slug}"`)
      .then((l) => l[0]?.title === 'Pothole and pavement reporting'))
    await api(A, 'POST', '/api/collections/updates/records', { project: second.id, body: 'Alpha starts in March.' }, A.token)
    await until('the status update on B', () => remoteProjects(B, `uri = "${A.base}/projects/${second.slug}"`)
      .then((l) => (l[0]?.lastUpdate ?? '').includes('Alpha starts in March.')))
    const all = await remoteProjects(B)
    assert.equal(all.length, 2, 'no project twice')
  })

  await t.test('interest crosses instances and the answer comes back', async () => {
    const [remote] = await remoteProjects(B, `uri = "${A.base}/projects/${first.slug}"`)
    const mine = await api(B, 'POST', '/api/collections/interests/records',
      { remoteProject: remote.id, kind: 'reuse', message: 'We would like to reuse this in Bristol.' }, B.token)
    assert.equal(mine.project, '')
    const arrived = await until('the interest on A', async () => {
      const l = await api(A, 'GET', '/api/collections/interests/records?filter=' + encodeURIComponent(`project = "${first.id}"`), undefined, A.token)
      return l.items[0]
    })
    assert.equal(arrived.user, '')
    assert.equal(arrived.remoteOrganisation, 'Bristol City Council')
    assert.equal(arrived.remoteVia, new URL(B.base).host)
    assert.equal(arrived.organisation, A.bristol.id, 'the same council on A')
    assert.equal(arrived.message, 'We would like to reuse this in Bristol.')
    // The owner hears of it, as of any interest, with who it is from.
    const notices = await api(A, 'GET', '/api/collections/notifications/records', undefined, A.token)
    assert.ok(notices.items.some((n) => n.title.startsWith(`An officer of Bristol City Council via ${new URL(B.base).host} wants to reuse`)),
      JSON.stringify(notices.items.map((n) => n.title)))
    const my = await (await fetch(`${A.base}/my`, { headers: { Cookie: await sessionCookie(A, leeds.email) } })).text()
    assert.match(my, /An officer of Bristol City Council via/)
    // (The coordinators' queue and the chase: federation_interest_test.go.)
    await api(A, 'PATCH', `/api/collections/interests/records/${arrived.id}`, { state: 'collaborating' }, A.token)
    const answered = await until('the answer on B', async () => {
      const r = await api(B, 'GET', `/api/collections/interests/records/${mine.id}`, undefined, B.token)
      return r.state === 'collaborating' && r
    })
    assert.ok(answered.respondedAt)
    const told = await api(B, 'GET', '/api/collections/notifications/records', undefined, B.token)
    assert.ok(told.items.some((n) => n.title === 'Leeds City Council is collaborating on Bin collection day finder with you'),
      JSON.stringify(told.items.map((n) => n.title)))
    await runJob(B, 'deliver_notifications')
    await emailTo(B, bristol.email, /collaborating on Bin collection day finder/)
    // Withdrawn on B: withdrawn on A.
    await api(B, 'PATCH', `/api/collections/interests/records/${mine.id}`, { state: 'withdrawn' }, B.token)
    await until('the withdrawal on A', async () => {
      const r = await api(A, 'GET', `/api/collections/interests/records/${arrived.id}`, undefined, A.token)
      return r.state === 'withdrawn'
    })
  })

  await t.test('unpublished on A: gone from B', async () => {
    await api(A, 'PATCH', `/api/collections/projects/records/${second.id}`, { visibility: 'draft' }, A.token)
    await until('the project gone from B', () => remoteProjects(B, `uri = "${A.base}/projects/${second.slug}"`).then((l) => l.length === 0))
  })

  await t.test('a blocked instance is refused, and a blocked peer is gone within one sync', async () => {
    await api(A, 'POST', '/api/collections/peers/records', { url: C.base, state: 'blocked' }, A.suToken)
    await api(C, 'POST', '/api/collections/peers/records', { url: A.base, state: 'trusted' }, C.suToken)
    await runJob(C, 'sync_peers')
    await runJob(C, 'deliver_activities')
    const followers = await (await fetch(`${A.base}/ap/organisations/leeds/followers`, { headers: { Accept: 'application/activity+json' } })).json()
    assert.equal(followers.totalItems, 1, 'C could not follow Leeds on A')
    // C's own project, sent as C to A, is refused.
    const cProject = await publish(C, C.token, C.leeds.id, 'Blocked instance project', 'Should never reach A.')
    await runJob(C, 'deliver_activities')
    assert.equal((await remoteProjects(A)).length, 0)
    assert.ok(cProject.id)
    // B blocks A: A's projects are gone from B at once, and stay gone.
    const [peerA] = (await api(B, 'GET', '/api/collections/peers/records', undefined, B.suToken)).items
    await api(B, 'PATCH', `/api/collections/peers/records/${peerA.id}`, { state: 'blocked' }, B.suToken)
    assert.equal((await remoteProjects(B)).length, 0)
    await runJob(B, 'sync_peers')
    assert.equal((await remoteProjects(B)).length, 0)
    await api(A, 'PATCH', `/api/collections/projects/records/${first.id}`, { summary: 'Sent to a peer that blocked us.' }, A.token)
    await runJob(A, 'deliver_activities')
    assert.equal((await remoteProjects(B)).length, 0)
    await api(B, 'PATCH', `/api/collections/peers/records/${peerA.id}`, { state: 'trusted' }, B.suToken)
    await until('A trusted again', () => remoteProjects(B).then((l) => l.length === 1), [[B, 'sync_peers']])
  })

  await t.test('forged, stale, replayed and untrusted requests are refused and change nothing', async () => {
    const inbox = `${A.base}/ap/inbox`
    const page = (title) => ({
      '@context': 'https://www.w3.org/ns/activitystreams', id: `${fake.actor}#create-${title}`, type: 'Create', actor: fake.actor,
      object: { id: `${fake.base}/projects/${title}`, type: 'Page', name: title, attributedTo: fake.actor, url: `${fake.base}/projects/${title}` }
    })
    // Not a trusted peer: refused.
    let res = await fake.send(fake.signed(inbox, page('untrusted')))
    assert.equal(res.status, 403)
    const peer = await api(A, 'POST', '/api/collections/peers/records', { url: fake.base, state: 'trusted' }, A.suToken)
    // Signed with another key: refused.
    const { privateKey: other } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    res = await fake.send(fake.signed(inbox, page('forged'), { key: other }))
    assert.equal(res.status, 401, await res.text())
    // A body changed after signing: refused.
    const tampered = fake.signed(inbox, page('tampered'))
    tampered.body = tampered.body.replace('tampered', 'changed!')
    res = await fake.send(tampered)
    assert.equal(res.status, 401)
    // Signed ten minutes ago: refused as stale.
    res = await fake.send(fake.signed(inbox, page('stale'), { date: new Date(Date.now() - 10 * 60 * 1000) }))
    assert.equal(res.status, 401)
    // Unsigned: refused.
    res = await fetch(inbox, { method: 'POST', headers: { 'Content-Type': 'application/activity+json' }, body: JSON.stringify(page('unsigned')) })
    assert.equal(res.status, 401)
    assert.equal((await remoteProjects(A)).length, 0, 'nothing kept')
    // A good request is kept, and the same request again is a replay.
    const good = fake.signed(inbox, page('good'))
    assert.equal((await fake.send(good)).status, 202)
    assert.equal((await fake.send(good)).status, 401)
    const kept = await remoteProjects(A)
    assert.deepEqual(kept.map((r) => r.title), ['good'])
    // Blocked: its projects go at once, and its requests are refused.
    await api(A, 'PATCH', `/api/collections/peers/records/${peer.id}`, { state: 'blocked' }, A.suToken)
    assert.equal((await remoteProjects(A)).length, 0)
    res = await fake.send(fake.signed(inbox, page('after-block')))
    assert.equal(res.status, 403)
    await api(A, 'DELETE', `/api/collections/peers/records/${peer.id}`, undefined, A.suToken)
  })

  await t.test('followed from the fediverse: Accept, then posts with a link', async () => {
    const follow = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${fake.actor}#follow-1`, type: 'Follow', actor: fake.actor,
      object: `${A.base}/ap/organisations/leeds` }
    const wf = await (await fetch(`${A.base}/.well-known/webfinger?resource=acct:leeds@${new URL(A.base).host}`)).json()
    assert.equal(wf.links.find((l) => l.rel === 'self').href, follow.object)
    assert.equal((await fake.send(fake.signed(`${A.base}/ap/organisations/leeds/inbox`, follow))).status, 202)
    const accept = await until('the Accept', () => fake.received.find((r) => r.body.type === 'Accept'))
    assert.equal(accept.body.object.id, follow.id)
    assert.match(accept.headers.signature, /keyId="[^"]+\/ap\/organisations\/leeds#main-key"/)
    const third = await publish(A, A.token, A.leeds.id, 'Library room booking', 'Book a room at your library.')
    const post = await until('the post', () => fake.received.find((r) => r.body.type === 'Create' && r.body.object.name === 'Library room booking'))
    assert.equal(post.body.object.url, `${A.base}/projects/${third.slug}`)
    await api(A, 'POST', '/api/collections/updates/records', { project: third.id, body: 'Now taking bookings.' }, A.token)
    const note = await until('the update post', () => fake.received.find((r) => r.body.type === 'Create' && r.body.object.type === 'Note'))
    assert.ok(note.body.object.content.includes(`href="${A.base}/projects/${third.slug}"`))
    assert.equal(fake.received.filter((r) => r.body.object?.name === 'Library room booking').length, 1, 'sent once')
    const undo = { '@context': 'https://www.w3.org/ns/activitystreams', id: `${fake.actor}#undo-1`, type: 'Undo', actor: fake.actor, object: follow }
    assert.equal((await fake.send(fake.signed(`${A.base}/ap/inbox`, undo))).status, 202)
    const followers = await (await fetch(`${A.base}/ap/organisations/leeds/followers`, { headers: { Accept: 'application/activity+json' } })).json()
    assert.equal(followers.totalItems, 1, 'only B still follows')
  })

  await t.test('a remote project\'s page: the interest form with JavaScript off, and axe with it on', async () => {
    const [remote] = await remoteProjects(B, 'title = "Library room booking"')
    const browser = await launch()
    try {
      const off = await signedIn(browser, B, bristol.email, { javaScriptEnabled: false })
      const page = await watchedPage(off)
      await page.goto(`${B.base}/network/projects/${remote.id}`)
      assert.match(await page.locator('h1').innerText(), /Library room booking/)
      assert.equal(await page.locator(`a[href="${A.base}/projects/${remote.url.split('/').pop()}"]`).count(), 1, 'links to its origin')
      await page.locator('#interest-form button[type=submit]').click({ timeout: 5000 })
      assert.match(await page.title(), /^Error: /)
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose what your organisation.s interest is/)
      await page.locator('#f-message').fill('Could we pilot this in Bristol libraries?')
      assert.equal(await page.locator('#f-message').inputValue(), 'Could we pilot this in Bristol libraries?')
      await page.getByLabel('We want to reuse it').check({ timeout: 5000 })
      await page.locator('#interest-form button[type=submit]').click({ timeout: 5000 })
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your interest has been sent to Leeds City Council on/)
      assert.match(await page.locator('#panel').innerText(), /Waiting|Open|Sent/i)
      assert.deepEqual(page.problems, [])
      await until('the interest on A', async () => {
        const l = await api(A, 'GET', '/api/collections/interests/records?filter=' + encodeURIComponent('message = "Could we pilot this in Bristol libraries?"'),
          undefined, A.token)
        return l.items.length === 1
      })
      const on = await signedIn(browser, B, bristol.email)
      const withJS = await watchedPage(on)
      for (const path of [`/network/projects/${remote.id}`, '/projects?q=library', '/', '/organisations/leeds']) {
        await withJS.goto(B.base + path)
        assert.deepEqual(await axe(withJS), [], path)
      }
      assert.deepEqual(withJS.problems, [])
      await officer(B, { email: 'co@network.test', name: 'Cora Coordinator', organisation: '', role: 'coordinator' })
      const co = await watchedPage(await signedIn(browser, B, 'co@network.test'))
      await co.goto(`${B.base}/coordinator/peers`)
      assert.match(await co.locator('#peers').innerText(), new RegExp(`${A.base.replace(/[.:/]/g, '.')}\\s+Added[^\\n]*\\s+Trusted\\s+\\d`))
      assert.deepEqual(await axe(co), [], '/coordinator/peers')
      await co.goto(`${B.base}/coordinator`)
      assert.deepEqual(await axe(co), [], '/coordinator')
      assert.deepEqual(co.problems, [])
    } finally {
      await browser.close()
    }
  })

  await t.test('an instance down for a while loses nothing once it is back', async () => {
    await B.pause()
    const fourth = await publish(A, A.token, A.leeds.id, 'Parking permit renewals', 'Renew a parking permit online.')
    await runJob(A, 'deliver_activities') // fails: B is down, and is tried again later
    await B.resume()
    await until('the project on B after its return', () => remoteProjects(B, `title = "Parking permit renewals"`).then((l) => l.length === 1),
      [[B, 'sync_peers']])
    const all = await remoteProjects(B)
    assert.equal(all.filter((r) => r.uri === `${A.base}/projects/${fourth.slug}`).length, 1, 'once')
  })
})

/** A session cookie for a person, through the sign-in form. */
async function sessionCookie (app, email) {
  const page = await fetch(`${app.base}/sign-in`)
  const csrfCookie = page.headers.getSetCookie().find((c) => c.startsWith('pipeline_csrf='))?.split(';')[0]
  const html = await page.text()
  const token = html.match(/name="csrf" value="([^"]+)"/)?.[1]
  const res = await fetch(`${app.base}/sign-in`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie, Origin: app.base },
    body: new URLSearchParams({ csrf: token, email, password: PASSWORD })
  })
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
}
