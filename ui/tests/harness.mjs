// Test harness: a real Pipeline binary on a fresh data directory, an SMTP
// sink on loopback that it sends its email to, and Debian's Chromium.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
export const binary = process.env.PIPELINE_BIN || join(here, '..', '..', 'pipeline')
export const SU = { email: 'su@pipeline.test', password: 'superuser-password-1' }
export const PASSWORD = 'officer-password-1'
export const DEMO_PASSWORD = 'pipeline-demo'

export async function freePort () {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** A minimal SMTP server that keeps every message it is sent. */
export async function startSmtpSink () {
  const messages = []
  const server = createServer((socket) => {
    socket.setEncoding('utf8')
    let buffer = ''
    let inData = false
    let data = ''
    const reply = (line) => socket.write(line + '\r\n')
    reply('220 sink ESMTP')
    socket.on('data', (chunk) => {
      buffer += chunk
      let i
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i)
        buffer = buffer.slice(i + 2)
        if (inData) {
          if (line === '.') {
            inData = false
            messages.push(data)
            data = ''
            reply('250 queued')
          } else {
            data += (line.startsWith('.') ? line.slice(1) : line) + '\n'
          }
          continue
        }
        const cmd = line.toUpperCase()
        if (cmd.startsWith('EHLO')) { reply('250-sink'); reply('250 8BITMIME') } else if (cmd === 'DATA') { inData = true; reply('354 go ahead') } else if (cmd === 'QUIT') { reply('221 bye'); socket.end() } else reply('250 OK')
      }
    })
    socket.on('error', () => {})
  })
  const port = await freePort()
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { port, messages, close: () => new Promise((resolve) => server.close(resolve)) }
}

/** Decodes a quoted-printable email body. */
export function decodeQP (s) {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
}

/**
 * Starts Pipeline on a fresh data directory with a superuser; with
 * { demo: true } the demo content is loaded first (its accounts use the
 * password DEMO_PASSWORD).
 */
export async function startPipeline ({ demo = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-ui-test-'))
  if (demo) execFileSync(binary, ['demo', '--dir', dir, '--no-serve'], { stdio: 'ignore' })
  execFileSync(binary, ['superuser', 'upsert', SU.email, SU.password, '--dir', dir], { stdio: 'ignore' })
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  let proc = await serve(dir, port)
  const smtp = await startSmtpSink()
  const app = { base, dir, port, get proc () { return proc }, smtp }
  app.suToken = (await api(app, 'POST', '/api/collections/_superusers/auth-with-password', { identity: SU.email, password: SU.password })).token
  await api(app, 'PATCH', '/api/settings', {
    meta: { appURL: base, senderName: 'Pipeline', senderAddress: 'pipeline@pipeline.test' },
    smtp: { enabled: true, host: '127.0.0.1', port: smtp.port },
    // The tests sign in many times from one address.
    rateLimits: { enabled: false }
  }, app.suToken)
  // pause stops the server and keeps its data; resume starts it again
  // on the same address.
  app.pause = async () => {
    if (proc.exitCode === null) {
      proc.kill('SIGTERM')
      await new Promise((resolve) => proc.once('exit', resolve))
    }
  }
  app.resume = async () => { proc = await serve(dir, port) }
  app.stop = async () => {
    await app.pause()
    await smtp.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return app
}

/** Serves the data directory dir on port, once it answers. */
async function serve (dir, port) {
  const base = `http://127.0.0.1:${port}`
  const proc = spawn(binary, ['serve', '--dir', dir, '--http', `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  proc.stderr.on('data', (d) => { stderr += d })
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(base + '/api/health')
      if (res.ok) return proc
    } catch (err) {}
    if (proc.exitCode !== null) throw new Error('pipeline exited: ' + stderr)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('pipeline did not answer: ' + stderr)
}

/** Calls the API; throws with the response body on failure. */
export async function api (app, method, path, body, token) {
  const res = await fetch(app.base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : null
}

/** Finds a council by slug. */
export async function council (app, slug) {
  const res = await api(app, 'GET', `/api/collections/organisations/records?filter=${encodeURIComponent(`slug='${slug}'`)}`)
  return res.items[0]
}

/** Gives a council an email domain (as a coordinator or superuser would). */
export async function setDomain (app, slug, domain) {
  const org = await council(app, slug)
  await api(app, 'PATCH', `/api/collections/organisations/records/${org.id}`, { emailDomains: [domain] }, app.suToken)
  return org
}

/** Creates a verified, approved officer through the API. */
export async function officer (app, { email, name, organisation, role = 'officer' }) {
  return api(app, 'POST', '/api/collections/users/records', {
    email, name, password: PASSWORD, passwordConfirm: PASSWORD, verified: true,
    organisation, role, membership: 'approved'
  }, app.suToken)
}

/** Signs in through the API and returns the stored-auth value the SDK uses. */
/** The first email to address whose text matches pattern, waiting for it. */
export async function emailTo (app, address, pattern) {
  for (let i = 0; i < 100; i++) {
    const found = app.smtp.messages.map(decodeQP).find((m) => m.includes(address) && pattern.test(m))
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no email to ${address} matching ${pattern}`)
}

export async function authState (app, email, password = PASSWORD) {
  const res = await api(app, 'POST', '/api/collections/users/auth-with-password', { identity: email, password })
  return JSON.stringify({ token: res.token, record: res.record })
}

export async function launch () {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
  })
}

/**
 * A page that records problems: script errors, console errors (which
 * include Content-Security-Policy violations) and server errors. Chromium's
 * "Failed to load resource" lines for 4xx answers are left out: the API
 * answering 400 to bad input, or 404 to a missing page, is expected.
 */
export async function watchedPage (context) {
  const page = await context.newPage()
  page.problems = []
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) page.problems.push(m.text())
  })
  page.on('pageerror', (e) => page.problems.push(String(e)))
  page.on('response', (r) => { if (r.status() >= 500) page.problems.push(`${r.status()} from ${r.url()}`) })
  return page
}

/**
 * A context already signed in as email, as the sign-in form signs people
 * in: the session cookie (HttpOnly) and its CSRF token, kept by the
 * context's own cookie store. javaScriptEnabled: false works the same.
 */
export async function signedIn (browser, app, email, { password = PASSWORD, ...options } = {}) {
  const context = await browser.newContext(options)
  const form = await (await context.request.get(app.base + '/sign-in')).text()
  const csrf = form.match(/name="csrf" value="([^"]+)"/)[1]
  const res = await context.request.post(app.base + '/sign-in', {
    form: { csrf, email, password, next: '/my' }, maxRedirects: 0
  })
  if (res.status() !== 303) throw new Error(`signing in ${email}: ${res.status()} ${await res.text()}`)
  return context
}

const axeSource = readFileSync(join(here, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

/** Runs axe-core (WCAG 2.x A and AA rules) and returns serious and critical violations. */
export async function axe (page) {
  await page.evaluate(axeSource)
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }
  }))
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)
}

/** Waits until a page's data has loaded (no "Loading" text left). */
export async function settled (page) {
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(() => !/Loading/.test(document.getElementById('main-content')?.innerText || ''), null, { timeout: 10000 })
}
