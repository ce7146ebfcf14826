// Network health, for coordinators: the network's figures, two charts
// (each followed by its figures as a table), open partner calls, and the
// queues of work that needs a person: projects going quiet, unanswered
// interest, requests to join organisations with no admin, and similar work
// in three or more councils. Nudges and introductions are written in a form
// that opens under the thing they are about.
import { NotificationBanner } from 'govuk-frontend'

import { approved, me, pb, requireSignIn } from '../api.mjs'
import { goalLines } from '../calls.mjs'
import { date, interestNames, phaseNames, phases, phaseTag } from '../format.mjs'
import { clearErrors, errorsFrom, handleForm, showErrors } from '../forms.mjs'
import { $, html, render } from '../html.mjs'

// Chart colours, as SVG presentation attributes (the Content-Security-Policy
// forbids style attributes): the brand colour and GOV.UK's text colour.
const BAR = '#00625e'
const TEXT = '#0b0c0c'

const smallSecondary = 'govuk-button govuk-button--secondary govuk-!-font-size-16 govuk-!-margin-bottom-1'
const stageNames = { 1: 'Asked if still accurate', 2: 'Reminded', 3: 'Admins copied' }

export default async function coordinator () {
  if (!requireSignIn()) return
  const u = me()
  if (!approved() || u.role !== 'coordinator') return notAllowed()
  const [stats, queues] = await Promise.allSettled([
    pb.send('/api/pipeline/stats', {}),
    pb.send('/api/pipeline/coordinator/queues', {})
  ])
  if ([stats, queues].some((r) => r.status === 'rejected' && (r.reason?.status === 403 || r.reason?.status === 401))) return notAllowed()
  $('co-loading').remove()
  $('co').hidden = false

  if (stats.status === 'fulfilled') {
    const s = stats.value
    const when = dateTime(s.generatedAt)
    $('generated-at').textContent = when ? `Figures worked out at ${when}. Refresh the page to see the latest.` : ''
    figures(s)
    charts(s)
    openCalls(s.openCalls || [])
  } else {
    $('generated-at').remove()
    for (const id of ['figures', 'phases', 'months', 'open-calls']) {
      render($(id), html`<p class="govuk-body">The network's figures could not be loaded. Refresh the page to try again.</p>`)
    }
  }

  const q = queues.status === 'fulfilled' ? queues.value : null
  if (!q) {
    for (const id of ['stale', 'interest', 'requests', 'clusters']) {
      render($(id), html`<p class="govuk-body">This queue could not be loaded. Refresh the page to try again.</p>`)
    }
    return
  }
  const state = {
    stale: q.staleProjects || [],
    interest: q.unansweredInterest || [],
    requests: q.membershipRequests || [],
    clusters: q.clusters || [],
    nudged: new Set()
  }
  drawStale(state)
  drawInterest(state)
  drawRequests(state)
  drawClusters(state)
  actions(state)
}

function notAllowed () {
  document.getElementById('co-loading')?.remove()
  $('co').hidden = true
  $('not-allowed').hidden = false
}

// ---------------------------------------------------------------------------
// Words and numbers

function plural (n, one, many) {
  return `${Number(n).toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

/** "6:00pm on 23 November 2026", from a PocketBase date. */
function dateTime (value) {
  if (!value) return ''
  const d = new Date(value.replace(' ', 'T'))
  if (Number.isNaN(d.getTime())) return ''
  const time = d.toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' }).replace(/\s/g, '')
  return `${time} on ${date(value)}`
}

/** Hours under 48, days from then on. */
function duration (hours) {
  if (hours < 1) return 'Less than an hour'
  if (hours < 48) return plural(Math.round(hours), 'hour', 'hours')
  return plural(Math.round(hours / 24), 'day', 'days')
}

/** "2025-12" as "December 2025" (long) or "Dec" (short). */
function monthName (month, style = 'long') {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1, 1))
  return style === 'long'
    ? d.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    : d.toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' })
}

/** A project reference from the API ({id, slug, title} or {id, slug, name}). */
function projectLink (p) {
  if (!p) return ''
  const title = p.title || p.name || 'Untitled project'
  return p.slug ? html`<a class="govuk-link" href="/projects/${p.slug}">${title}</a>` : html`${title}`
}

function orgLink (o) {
  if (!o) return ''
  if (typeof o === 'string') return html`${o}`
  return o.slug ? html`<a class="govuk-link" href="/organisations/${o.slug}">${o.name}</a>` : html`${o.name}`
}


function titleOf (p) {
  return p?.title || p?.name || 'the project'
}

// ---------------------------------------------------------------------------
// a) Figures

function figures (s) {
  const f = s.freshness || {}
  const i = s.interest || {}
  const calls = (s.openCalls || []).length
  const row = (key, value, link) => html`<div class="govuk-summary-list__row${link ? '' : ' govuk-summary-list__row--no-actions'}">
    <dt class="govuk-summary-list__key">${key}</dt>
    <dd class="govuk-summary-list__value">${value}</dd>
    ${link ? html`<dd class="govuk-summary-list__actions"><a class="govuk-link" href="${link.href}">${link.text}<span class="govuk-visually-hidden"> ${link.hidden}</span></a></dd>` : ''}
  </div>`
  const rate = i.total > 0 ? Math.round((i.responseRate ?? i.answered / i.total) * 100) : null
  render($('figures'), html`<dl class="govuk-summary-list">
    ${row('Projects up to date', plural(f.active || 0, 'published project', 'published projects'))}
    ${row('Projects being chased', html`${plural(f.stale || 0, 'project', 'projects')} not confirmed as still accurate`,
      f.stale ? { href: '#stale-heading', text: 'See them', hidden: 'in projects going quiet' } : null)}
    ${row('Dormant projects', html`${plural(f.dormant || 0, 'project', 'projects')} with no answer to the chase`,
      f.dormant ? { href: '#stale-heading', text: 'See them', hidden: 'in projects going quiet' } : null)}
    ${row('Interest answered', rate === null
      ? 'No interest registered yet'
      : html`<strong>${rate}%</strong> of interest answered (${Number(i.answered || 0).toLocaleString('en-GB')} of ${Number(i.total).toLocaleString('en-GB')})`,
    rate !== null && rate < 100 ? { href: '#interest-heading', text: 'See waiting interest', hidden: 'for more than 7 days' } : null)}
    ${row('Median time to first response', i.answered > 0 ? duration(i.medianHoursToFirstResponse || 0) : 'No interest answered yet')}
    ${row('Organisations active in the last 90 days', plural(s.activeOrganisations90d || 0, 'organisation', 'organisations'))}
    ${row('Open partner calls', plural(calls, 'open call', 'open calls'),
      calls ? { href: '#calls-heading', text: 'See them', hidden: 'in open partner calls' } : null)}
  </dl>`)
}

// ---------------------------------------------------------------------------
// b) Charts: SVG drawn with attributes only, named by its <title>, and
// followed by a table of the same figures.

/** Draws both charts at the width there is (so their text is drawn at its
 *  real size, never shrunk), and again when that width changes. */
function charts (s) {
  let drawn = 0
  const draw = () => {
    const room = $('phases').clientWidth
    if (room === drawn) return
    drawn = room
    phaseChart(s.projectsByPhase || {}, chartWidth(room))
    monthChart(s.newProjectsByMonth || [], chartWidth(room))
  }
  draw()
  let timer
  window.addEventListener('resize', () => {
    clearTimeout(timer)
    timer = setTimeout(draw, 200)
  })
}

/** Up to 640 pixels wide, and no wider than the column. */
function chartWidth (room) {
  return Math.max(280, Math.min(640, Math.floor(room || 640)))
}

function phaseChart (byPhase, W) {
  const rows = phases.map((p) => ({ label: phaseNames[p], count: Number(byPhase[p] || 0) }))
  const max = Math.max(1, ...rows.map((r) => r.count))
  const ROW = 40
  const LABEL = 100
  const room = W - LABEL - 50
  const H = rows.length * ROW + 8
  const summary = rows.map((r) => `${r.label} ${r.count}`).join(', ')
  render($('phases'), html`<svg class="govuk-!-margin-bottom-4" role="img" aria-labelledby="phases-chart-title" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" focusable="false" font-family="arial, sans-serif" font-size="16">
      <title id="phases-chart-title">Bar chart of published projects by phase: ${summary}. The same figures are in the table that follows.</title>
      <line x1="${LABEL}" x2="${LABEL}" y1="0" y2="${H}" stroke="${TEXT}" stroke-width="1"></line>
      ${rows.map((r, i) => {
        const y = i * ROW + 4
        const w = Math.round((r.count / max) * room)
        return html`<text x="${LABEL - 10}" y="${y + ROW / 2}" text-anchor="end" dominant-baseline="middle" fill="${TEXT}">${r.label}</text>
          <rect x="${LABEL}" y="${y + 6}" width="${w}" height="${ROW - 12}" fill="${BAR}"></rect>
          <text x="${LABEL + w + 8}" y="${y + ROW / 2}" dominant-baseline="middle" fill="${TEXT}" font-weight="bold">${r.count}</text>`
      })}
    </svg>
  <table class="govuk-table">
    <caption class="govuk-table__caption govuk-table__caption--s">Published projects by phase</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Phase</th>
        <th scope="col" class="govuk-table__header govuk-table__header--numeric">Projects</th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${rows.map((r) => html`<tr class="govuk-table__row">
        <th scope="row" class="govuk-table__header">${r.label}</th>
        <td class="govuk-table__cell govuk-table__cell--numeric">${r.count}</td>
      </tr>`)}
    </tbody>
  </table>`)
}

function monthChart (months, W) {
  const rows = months.map((m) => ({ month: m.month, count: Number(m.count || 0) }))
  if (!rows.length) {
    render($('months'), html`<p class="govuk-body">There are no figures for new projects yet.</p>`)
    return
  }
  const max = Math.max(1, ...rows.map((r) => r.count))
  const narrow = W < 480 // month labels shortened, the years said once below
  const LEFT = 8
  const TOP = 28 // room for the number over the tallest bar
  const BASE = 200
  const H = 250
  const slot = (W - LEFT * 2) / rows.length
  const barW = Math.round(slot * 0.6)
  const first = rows[0].month
  const last = rows[rows.length - 1].month
  const summary = rows.map((r) => `${monthName(r.month)} ${r.count}`).join(', ')
  render($('months'), html`<svg class="govuk-!-margin-bottom-4" role="img" aria-labelledby="months-chart-title" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" focusable="false" font-family="arial, sans-serif" font-size="${narrow ? 13 : 16}">
      <title id="months-chart-title">Bar chart of published projects by the month they were added, ${monthName(first)} to ${monthName(last)}: ${summary}. The same figures are in the table that follows.</title>
      ${rows.map((r, i) => {
        const cx = LEFT + slot * i + slot / 2
        const h = Math.round((r.count / max) * (BASE - TOP))
        const newYear = !narrow && (i === 0 || r.month.endsWith('-01'))
        return html`<rect x="${Math.round(cx - barW / 2)}" y="${BASE - h}" width="${barW}" height="${h}" fill="${BAR}"></rect>
          <text x="${cx}" y="${BASE - h - 8}" text-anchor="middle" fill="${TEXT}" font-weight="bold">${r.count}</text>
          <text x="${cx}" y="${BASE + 20}" text-anchor="middle" fill="${TEXT}">${narrow ? monthName(r.month, 'short').slice(0, 3) : monthName(r.month, 'short')}</text>
          ${newYear ? html`<text x="${cx}" y="${BASE + 40}" text-anchor="middle" fill="${TEXT}">${r.month.slice(0, 4)}</text>` : ''}`
      })}
      ${narrow ? html`<text x="${W / 2}" y="${BASE + 42}" text-anchor="middle" fill="${TEXT}">${monthName(first)} to ${monthName(last)}</text>` : ''}
      <line x1="${LEFT}" x2="${W - LEFT}" y1="${BASE}" y2="${BASE}" stroke="${TEXT}" stroke-width="1"></line>
    </svg>
  <table class="govuk-table">
    <caption class="govuk-table__caption govuk-table__caption--s">Published projects by the month they were added, ${monthName(first)} to ${monthName(last)}</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Month</th>
        <th scope="col" class="govuk-table__header govuk-table__header--numeric">New projects</th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${rows.map((r) => html`<tr class="govuk-table__row">
        <th scope="row" class="govuk-table__header">${monthName(r.month)}</th>
        <td class="govuk-table__cell govuk-table__cell--numeric">${r.count}</td>
      </tr>`)}
    </tbody>
  </table>`)
}

// ---------------------------------------------------------------------------
// c) Open partner calls

function openCalls (calls) {
  const box = $('open-calls')
  if (!calls.length) {
    render(box, html`<p class="govuk-body">There are no open partner calls.</p>`)
    return
  }
  render(box, html`<div class="app-table-wrapper"><table class="govuk-table">
    <caption class="govuk-table__caption govuk-visually-hidden">Open partner calls, closing soonest first</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Project</th>
        <th scope="col" class="govuk-table__header">Organisation</th>
        <th scope="col" class="govuk-table__header">Progress</th>
        <th scope="col" class="govuk-table__header">Closes</th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${calls.map((c) => {
        const p = Math.max(0, Math.min(100, Number(c.progress || 0)))
        return html`<tr class="govuk-table__row">
        <td class="govuk-table__cell">${projectLink(c.project)}</td>
        <td class="govuk-table__cell">${orgLink(c.organisation)}</td>
        <td class="govuk-table__cell">
          <strong>${p}%</strong> of the goal pledged
          <progress class="app-progress" max="100" value="${p}" aria-label="Progress of the partner call for ${titleOf(c.project)}"></progress>
          <span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${goalLines(c).join('; ')}</span>
        </td>
        <td class="govuk-table__cell">${date(c.deadline)}</td>
      </tr>`
      })}
    </tbody>
  </table></div>`)
}

// ---------------------------------------------------------------------------
// d) Queues

function drawStale (state) {
  const box = $('stale')
  if (!state.stale.length) {
    render(box, html`<p class="govuk-body">No published project is going quiet.</p>`)
    return
  }
  render(box, html`<p class="govuk-body">${plural(state.stale.length, 'project', 'projects')}, dormant first, then the longest chased.</p>
  <div class="app-table-wrapper"><table class="govuk-table">
    <caption class="govuk-table__caption govuk-visually-hidden">Projects going quiet</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Project</th>
        <th scope="col" class="govuk-table__header">Organisation</th>
        <th scope="col" class="govuk-table__header">Stage</th>
        <th scope="col" class="govuk-table__header">Last activity</th>
        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${state.stale.map((p) => html`<tr class="govuk-table__row" data-row="project:${p.id}">
        <td class="govuk-table__cell">${projectLink(p)}</td>
        <td class="govuk-table__cell">${orgLink(p.organisation)}</td>
        <td class="govuk-table__cell">${p.dormantSince
          ? html`<strong class="govuk-tag govuk-tag--grey">Dormant</strong><span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">since ${date(p.dormantSince)}</span>`
          : stageNames[p.chaseStage] || `Stage ${p.chaseStage}`}</td>
        <td class="govuk-table__cell">${date(p.lastActivityAt) || 'None'}</td>
        <td class="govuk-table__cell">
          <button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="nudge-project" data-id="${p.id}">
            Nudge<span class="govuk-visually-hidden"> the team behind ${p.title}</span>
          </button>
          ${state.nudged.has('project:' + p.id) ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Nudge sent</span>` : ''}
        </td>
      </tr>`)}
    </tbody>
  </table></div>`)
}

function drawInterest (state) {
  const box = $('interest')
  if (!state.interest.length) {
    render(box, html`<p class="govuk-body">No interest has been waiting more than 7 days for an answer.</p>`)
    return
  }
  render(box, html`<p class="govuk-body">${plural(state.interest.length, 'piece of interest', 'pieces of interest')}, longest waiting first.</p>
  <div class="app-table-wrapper"><table class="govuk-table">
    <caption class="govuk-table__caption govuk-visually-hidden">Interest waiting more than 7 days for an answer</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Project</th>
        <th scope="col" class="govuk-table__header">From</th>
        <th scope="col" class="govuk-table__header">Kind</th>
        <th scope="col" class="govuk-table__header govuk-table__header--numeric">Days waiting</th>
        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${state.interest.map((i) => html`<tr class="govuk-table__row" data-row="interest:${i.id}">
        <td class="govuk-table__cell">${projectLink(i.project)}${i.organisation?.name ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${i.organisation.name}</span>` : ''}</td>
        <td class="govuk-table__cell">${i.from}</td>
        <td class="govuk-table__cell">${interestNames[i.kind] || i.kind}</td>
        <td class="govuk-table__cell govuk-table__cell--numeric">${i.days}</td>
        <td class="govuk-table__cell">
          <button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="nudge-interest" data-id="${i.id}">
            Nudge<span class="govuk-visually-hidden"> the team behind ${titleOf(i.project)} to answer ${i.from}</span>
          </button>
          ${state.nudged.has('interest:' + i.id) ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Nudge sent</span>` : ''}
        </td>
      </tr>`)}
    </tbody>
  </table></div>`)
}

function drawRequests (state) {
  const box = $('requests')
  if (!state.requests.length) {
    render(box, html`<p class="govuk-body">No one is waiting to join an organisation with no admin.</p>`)
    return
  }
  render(box, html`<div class="app-table-wrapper"><table class="govuk-table">
    <caption class="govuk-table__caption govuk-visually-hidden">Requests to join organisations with no admin, oldest first</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Name</th>
        <th scope="col" class="govuk-table__header">Email address</th>
        <th scope="col" class="govuk-table__header">Organisation</th>
        <th scope="col" class="govuk-table__header">Asked</th>
        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${state.requests.map((r) => html`<tr class="govuk-table__row">
        <td class="govuk-table__cell">${r.name}</td>
        <td class="govuk-table__cell">${r.email || 'Hidden'}</td>
        <td class="govuk-table__cell">${orgLink(r.organisation)}</td>
        <td class="govuk-table__cell">${date(r.created)}</td>
        <td class="govuk-table__cell">
          <button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="approve" data-id="${r.id}">
            Approve<span class="govuk-visually-hidden"> ${r.name}</span>
          </button>
          <button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="decline" data-id="${r.id}">
            Decline<span class="govuk-visually-hidden"> ${r.name}</span>
          </button>
        </td>
      </tr>`)}
    </tbody>
  </table></div>`)
}

function drawClusters (state) {
  const box = $('clusters')
  if (!state.clusters.length) {
    render(box, html`<p class="govuk-body">No similar work in three or more councils has been found.</p>`)
    return
  }
  render(box, html`${state.clusters.map((c, n) => html`<div class="app-card" data-cluster="${n}">
    <h3 class="govuk-heading-s app-card__title">Group ${n + 1}: ${plural(c.projects.length, 'project', 'projects')} in ${plural(c.organisations, 'organisation', 'organisations')}</h3>
    <ul class="govuk-list govuk-list--bullet">
      ${c.projects.map((p) => html`<li>${projectLink(p)}, ${orgLink(p.organisation)} ${p.phase ? phaseTag(p.phase) : ''}</li>`)}
    </ul>
    <button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="introduce" data-id="${n}">
      Introduce them<span class="govuk-visually-hidden">: the owners of ${listOf(c.projects.map(titleOf))}</span>
    </button>
    ${state.nudged.has('cluster:' + n) ? html`<p class="govuk-body-s govuk-!-margin-bottom-0">Introduction sent</p>` : ''}
  </div>`)}`)
}

/** "A, B and C". */
function listOf (items) {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

// ---------------------------------------------------------------------------
// Actions, delegated from the page

function actions (state) {
  const page = $('co')
  page.addEventListener('click', async (e) => {
    const button = e.target.closest('button[data-action]')
    if (!button || !page.contains(button) || button.disabled) return
    const { action, id } = button.dataset
    if (action === 'cancel') return closeForm(true)
    if (action === 'nudge-project') {
      const p = state.stale.find((x) => x.id === id)
      if (p) openMessageForm(button, nudgeProjectForm(state, p))
    } else if (action === 'nudge-interest') {
      const i = state.interest.find((x) => x.id === id)
      if (i) openMessageForm(button, nudgeInterestForm(state, i))
    } else if (action === 'introduce') {
      const c = state.clusters[Number(id)]
      if (c) openMessageForm(button, introduceForm(state, c, Number(id)))
    } else if (action === 'approve' || action === 'decline') {
      await answerRequest(state, button, action)
    }
  })
}

function nudgeProjectForm (state, p) {
  const since = date(p.lastActivityAt)
  const message = p.dormantSince
    ? `Hello,\n\n${p.title} has been marked as dormant on Pipeline because no one confirmed it was still accurate. If the work is carrying on, please post a short update so that other councils can see it is active again. If it has stopped, please mark it as retired, so that no one waits on it.\n\nThank you.`
    : `Hello,\n\nIs ${p.title} still accurate on Pipeline? ${since ? `There has been no activity on it since ${since}. ` : ''}Other councils look to Pipeline to see what is happening, so please confirm it is still accurate, post a short update, or change its phase if things have moved on.\n\nThank you.`
  return {
    colspan: 5,
    label: `Message to the team behind ${p.title}`,
    hint: 'Pipeline sends it to the project\'s owner and contact, with your name. You can change it.',
    message,
    submit: html`Send nudge<span class="govuk-visually-hidden"> about ${p.title}</span>`,
    send: (text) => pb.send('/api/pipeline/coordinator/nudge', { method: 'POST', body: { project: p.id, message: text } }),
    done: (res) => {
      state.nudged.add('project:' + p.id)
      drawStale(state)
      nudgeBanner(res, p.title)
    }
  }
}

function nudgeInterestForm (state, i) {
  const title = titleOf(i.project)
  const kind = (interestNames[i.kind] || '').toLowerCase()
  const message = `Hello,\n\n${i.from} registered interest in ${title}${kind ? ` (${kind})` : ''} ${i.days} days ago and is still waiting for an answer. Please reply to them from My Pipeline, even if only to say you cannot help right now: councils stop using Pipeline when their interest goes unanswered.\n\nThank you.`
  return {
    colspan: 5,
    label: `Message to the team behind ${title}`,
    hint: 'Pipeline sends it to the project\'s owner and contact, with your name. You can change it.',
    message,
    submit: html`Send nudge<span class="govuk-visually-hidden"> about ${title}</span>`,
    send: (text) => pb.send('/api/pipeline/coordinator/nudge', { method: 'POST', body: { interest: i.id, message: text } }),
    done: (res) => {
      state.nudged.add('interest:' + i.id)
      drawInterest(state)
      nudgeBanner(res, title)
    }
  }
}

function introduceForm (state, c, n) {
  const lines = c.projects.map((p) => `- ${titleOf(p)}${p.organisation?.name ? ` (${p.organisation.name})` : ''}`).join('\n')
  const message = `Hello,\n\nYour councils are working on similar things:\n\n${lines}\n\nYou might save time and money by comparing notes, sharing research or working together. Links to each project and its contact follow this message.\n\nThank you.`
  return {
    label: `Message to the owners of these ${c.projects.length} projects`,
    hint: 'Pipeline sends it to each project\'s owner, with links to the other projects and your name. You can change it.',
    message,
    submit: html`Send introduction<span class="govuk-visually-hidden"> to the owners of group ${n + 1}</span>`,
    send: (text) => pb.send('/api/pipeline/coordinator/introduce', { method: 'POST', body: { projects: c.projects.map((p) => p.id), message: text } }),
    done: (res) => {
      state.nudged.add('cluster:' + n)
      drawClusters(state)
      const told = typeof res?.told === 'number' ? res.told : c.projects.length
      banner(`Introduction sent to ${plural(told, 'owner', 'owners')}`)
    }
  }
}

function nudgeBanner (res, title) {
  if (typeof res?.told === 'number' && res.told === 0) {
    banner(`No one was told about ${title}: it has no owner, organisation admin or contact to send the nudge to`, false)
    return
  }
  banner('Nudge sent', true, typeof res?.told === 'number' ? `Pipeline has sent your message about ${title} to ${plural(res.told, 'person', 'people')}.` : '')
}

// The one message form on the page, opened under what it is about.
let open = null

function closeForm (focus) {
  if (!open) return
  const { el, opener } = open
  open = null
  el.remove()
  clearErrors(document.getElementById('co'))
  if (focus && opener.isConnected) opener.focus()
}

function openMessageForm (opener, f) {
  closeForm(false)
  clearBanner()
  const form = html`<form id="message-form" novalidate>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="f-message">${f.label}</label>
      <div class="govuk-hint" id="f-message-hint">${f.hint}</div>
      <textarea class="govuk-textarea" id="f-message" name="message" rows="9" aria-describedby="f-message-hint">${f.message}</textarea>
    </div>
    <div class="govuk-button-group">
      <button type="submit" class="govuk-button" data-module="govuk-button">${f.submit}</button>
      <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-action="cancel">Cancel</button>
    </div>
  </form>`
  const t = document.createElement('template')
  if (f.colspan) {
    render(t, html`<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="${f.colspan}">${form}</td></tr>`)
    opener.closest('tr').after(t.content.firstElementChild)
  } else {
    render(t, html`<div class="govuk-!-margin-top-4">${form}</div>`)
    opener.after(t.content.firstElementChild)
  }
  const el = f.colspan ? opener.closest('tr').nextElementSibling : opener.nextElementSibling
  open = { el, opener }
  const formEl = $('message-form')
  handleForm(formEl, {
    validate: (data) => (data.message ? {} : { message: 'Write a message' }),
    messages: { message: { default: 'Write a message' } },
    save: async (data) => {
      const res = await f.send(data.message)
      closeForm(false)
      f.done(res)
    }
  })
  const area = $('f-message')
  area.focus()
  area.setSelectionRange(0, 0)
  area.scrollTop = 0
}

async function answerRequest (state, button, membership) {
  const n = state.requests.findIndex((r) => r.id === button.dataset.id)
  if (n < 0) return
  const person = state.requests[n]
  const orgName = person.organisation?.name || 'their organisation'
  button.disabled = true
  button.setAttribute('aria-disabled', 'true')
  try {
    await pb.collection('users').update(person.id, { membership: membership === 'approve' ? 'approved' : 'declined' })
    state.requests.splice(n, 1)
    closeForm(false)
    drawRequests(state)
    banner(membership === 'approve'
      ? `${person.name} is now a member of ${orgName}`
      : `You have declined ${person.name}'s request to join ${orgName}`)
  } catch (err) {
    clearBanner()
    showErrors($('requests'), errorsFrom(err))
  } finally {
    if (button.isConnected) {
      button.disabled = false
      button.removeAttribute('aria-disabled')
    }
  }
}

// ---------------------------------------------------------------------------
// The banner at the top of the page

function clearBanner () {
  document.querySelector('#co [data-banner]')?.replaceChildren()
}

/** Shows a banner at the top of the page (a success one unless told
 *  otherwise); the component moves focus to it, as its role is alert. */
function banner (heading, ok = true, body = '') {
  clearErrors($('co'))
  const box = document.querySelector('#co [data-banner]')
  render(box, html`<div class="govuk-notification-banner${ok ? ' govuk-notification-banner--success' : ''}" role="alert" aria-labelledby="co-banner-title" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="co-banner-title">${ok ? 'Success' : 'Important'}</h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">${heading}</p>
    ${body ? html`<p class="govuk-body">${body}</p>` : ''}
  </div>
</div>`)
  new NotificationBanner(box.firstElementChild) // eslint-disable-line no-new
}
