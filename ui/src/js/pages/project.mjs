// One project, at /projects/<slug>: what it is, who is interested, its
// updates, and what the person looking at it can do (follow, express
// interest, or, for its own organisation, edit, update, confirm, adopt).
import { createAll, CharacterCount, NotificationBanner, Radios, Button } from 'govuk-frontend'
import { approved, me, memberOf, pb } from '../api.mjs'
import {
  budgetNames, date, freshness, interestNames, lastSeen, phaseNames, phaseTag, seekingNames, stateTag
} from '../format.mjs'
import { $, html, render } from '../html.mjs'
import { fetchSimilar, similarList } from '../similar.mjs'
import { loadCall } from './project-call.mjs'
import { isWebAddress } from '../urls.mjs'

// forms.mjs remembers the page title when it is first loaded, to put
// "Error: " before it; it is loaded once the title names the project.
let forms

const EXPAND = 'organisation,partners,owner,continuedIn,reuses'

const interestKinds = {
  join: 'We want to join',
  reuse: 'We want to reuse it',
  similar: 'We have done something similar',
  contribute: 'We can contribute money, people or skills'
}

/** What a page shows once, after a form elsewhere sent people here. */
const doneMessages = {
  created: 'Your project has been saved',
  saved: 'Your changes have been saved',
  update: 'Your update has been posted'
}

export default async function project () {
  const box = $('project')
  const slug = slugFromPath()
  let p
  try {
    if (!slug) throw Object.assign(new Error('No project'), { status: 404 })
    p = await pb.collection('projects').getFirstListItem(pb.filter('slug = {:s}', { s: slug }), { expand: EXPAND })
  } catch (err) {
    if (err?.status === 404) notFound(box)
    else couldNotLoad(box)
    return
  }
  document.title = `${p.title} – Pipeline`
  forms = await import('../forms.mjs')

  render(box, page(p))
  renderHead(p)
  showDone()
  await Promise.all([loadInterest(p), loadUpdates(p), renderPanel(p), loadSimilar(p), loadCall(p), loadReuse(p), renderCoordination(p)])
  wireInterestForm(p)
  $('actions').addEventListener('click', (e) => onAction(e, p))
}

async function loadSimilar (p) {
  const box = $('similar')
  try {
    const items = await fetchSimilar({ project: p.id })
    render(box, items.length
      ? similarList(items)
      : html`<p class="govuk-body">We have not found similar projects in other councils yet.</p>`)
  } catch (err) {
    render(box, html`<p class="govuk-body">Similar projects could not be loaded. Try again later.</p>`)
  }
}

function outcomeSection (p) {
  const parts = [['What worked', p.outcomeWorked], ['What did not work', p.outcomeDidNotWork], ['What others can reuse', p.outcomeReusable],
    ['Savings', p.outcomeSavings], ['More about the outcome', p.outcome]].filter(([, v]) => v)
  if (!parts.length) return ''
  return html`<h2 class="govuk-heading-m">Outcome</h2>${parts.map(([h, v]) => html`<h3 class="govuk-heading-s">${h}</h3>${paragraphs(v)}`)}`
}

const reasonWords = { duplicate: 'it duplicated', merged: 'it merged into', startedElsewhere: 'the work started elsewhere, in', stopped: 'it stopped, and the work goes on in' }

async function loadReuse (p) {
  const box = $('reuse')
  try {
    const r = await pb.send(`/api/pipeline/projects/${p.id}/reuse`, {})
    if (!r.reuses.length && !r.reusedBy.length) return
    const item = (x) => html`<li><a class="govuk-link" href="/projects/${x.slug}">${x.title}</a>, ${x.organisation.name}</li>`
    render(box, html`<h2 class="govuk-heading-m">Reuse</h2>
      ${r.reusedBy.length ? html`<p class="govuk-body govuk-!-font-weight-bold">Reused by ${r.reusedByOrganisations === 1 ? '1 council' : `${r.reusedByOrganisations} councils`}</p>
        <ul class="govuk-list govuk-list--bullet">${r.reusedBy.map(item)}</ul>` : ''}
      ${r.reuses.length ? html`<p class="govuk-body govuk-!-font-weight-bold">This project reuses</p><ul class="govuk-list govuk-list--bullet">${r.reuses.map(item)}</ul>` : ''}`)
  } catch (err) {}
}

// A project closed as continued in another says so at the top; its
// organisation and coordinators can close it; coordinators feature it.
async function renderCoordination (p) {
  const next = p.expand?.continuedIn
  if (p.closedReason && next) {
    const banner = document.getElementById('page-banner')
    const note = document.createElement('div')
    render(note, html`<div class="govuk-notification-banner" role="region" aria-labelledby="closed-title" data-module="govuk-notification-banner">
      <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="closed-title">Closed</h2></div>
      <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">This project has closed because ${reasonWords[p.closedReason] || 'it continues in'} <a class="govuk-notification-banner__link" href="/projects/${next.slug}">${next.title}</a>.</p></div></div>`)
    banner.after(note)
  }
  const u = me()
  const coordinator = u && u.membership === 'approved' && u.role === 'coordinator'
  if (!coordinator && !memberOf(p.organisation)) return
  if (p.visibility !== 'published') return
  const box = document.createElement('div')
  document.getElementById('actions').after(box)
  render(box, html`<h2 class="govuk-heading-s govuk-!-margin-top-6">Manage</h2>
    ${coordinator ? html`<button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-coord="feature">${p.featured ? 'Stop featuring on the home page' : 'Feature on the home page'}</button>` : ''}
    ${!p.closedReason ? html`<details class="govuk-details">
      <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Close as continued in another project</span></summary>
      <div class="govuk-details__text">
        <form id="close-form" novalidate>
          <div class="govuk-form-group">
            <label class="govuk-label" for="f-continuedIn">The project it continues in (its address or the last part of it)</label>
            <input class="govuk-input" id="f-continuedIn" name="continuedIn" type="text" spellcheck="false">
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for="f-reason">Why</label>
            <select class="govuk-select" id="f-reason" name="reason">
              <option value="">Choose a reason</option>
              <option value="duplicate">It duplicates the other project</option>
              <option value="merged">It merged into the other project</option>
              <option value="startedElsewhere">The work started elsewhere</option>
              <option value="stopped">It stopped; the work goes on in the other project</option>
            </select>
          </div>
          <p class="govuk-body">Its followers are invited to follow the other project.</p>
          <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">Close this project</button>
        </form>
      </div></details>` : ''}`)
  box.addEventListener('click', async (e) => {
    if (!e.target.closest('[data-coord="feature"]')) return
    await pb.send(`/api/pipeline/projects/${p.id}/feature`, { method: 'POST', body: { featured: !p.featured } })
    window.location.reload()
  })
  const form = document.getElementById('close-form')
  if (form) {
    forms.handleForm(form, {
      validate: (d) => {
        const errs = {}
        if (!d.continuedIn) errs.continuedIn = 'Enter the project it continues in'
        if (!d.reason) errs.reason = 'Choose why it is closing'
        return errs
      },
      async save (d) {
        const slug = d.continuedIn.replace(/\/+$/, '').split('/').pop()
        let other
        try {
          other = await pb.collection('projects').getFirstListItem(pb.filter('slug = {:s}', { s: slug }))
        } catch (err) {
          throw Object.assign(new Error('No such project'), { response: { data: { continuedIn: { message: 'No published project has that address' } } } })
        }
        await pb.send(`/api/pipeline/projects/${p.id}/close`, { method: 'POST', body: { continuedIn: other.id, reason: d.reason } })
        window.location.reload()
      }
    })
  }
}

function slugFromPath () {
  const m = window.location.pathname.match(/^\/projects\/([^/]+)\/?$/)
  return m ? decodeURIComponent(m[1]) : ''
}

function notFound (box) {
  document.title = 'Project not found – Pipeline'
  render(box, html`<h1 class="govuk-heading-l">Project not found</h1>
    <p class="govuk-body">If you typed the web address, check it is correct. The project may have been removed.</p>
    ${me()
      ? html`<p class="govuk-body">Draft projects can only be seen by people in the project's organisation.</p>`
      : html`<p class="govuk-body">Draft projects can only be seen by people in the project's organisation. If it is your organisation's project, <a class="govuk-link" href="/sign-in?next=${encodeURIComponent(window.location.pathname)}">sign in</a> to see it.</p>`}
    <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)
}

function couldNotLoad (box) {
  document.title = 'Sorry, there is a problem – Pipeline'
  render(box, html`<h1 class="govuk-heading-l">Sorry, there is a problem</h1>
    <p class="govuk-body">The project could not be loaded. Check your connection and try again later.</p>
    <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)
}

/** Shows, once, the banner a form asked for (?done=…), then tidies the address. */
function showDone () {
  const params = new URLSearchParams(window.location.search)
  const message = doneMessages[params.get('done')]
  if (!message) return
  const banner = $('page-banner')
  render(banner, successBanner(message, 'page-banner-title'))
  params.delete('done')
  const query = params.toString()
  window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : '') + window.location.hash)
}

function successBanner (message, titleId) {
  return html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="${titleId}" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="${titleId}">
      Success
    </h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">
      ${message}
    </p>
  </div>
</div>`
}

function orgLink (o) {
  if (!o) return ''
  return o.slug ? html`<a class="govuk-link" href="/organisations/${o.slug}">${o.name}</a>` : html`${o.name}`
}

function projectLink (q) {
  return html`<a class="govuk-link" href="/projects/${q.slug}">${q.title}</a>`
}

/** Text split at blank lines into paragraphs, line breaks kept. */
function paragraphs (text) {
  return String(text || '').split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean)
    .map((s) => html`<p class="govuk-body app-pre-wrap">${s}</p>`)
}

function row (key, value) {
  return html`<div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">
      ${key}
    </dt>
    <dd class="govuk-summary-list__value">
      ${value}
    </dd>
  </div>`
}

function summaryList (p) {
  const e = p.expand || {}
  const partners = e.partners || []
  const seeking = p.seeking || []
  const tags = Array.isArray(p.tags) ? p.tags : []
  const links = (Array.isArray(p.links) ? p.links : []).filter((l) => isWebAddress(l?.url))
  const rows = [
    row('Organisation', orgLink(e.organisation)),
    partners.length ? row('Partners', partners.length === 1 ? orgLink(partners[0]) : html`<ul class="govuk-list">${partners.map((o) => html`<li>${orgLink(o)}</li>`)}</ul>`) : '',
    row('Phase', phaseTag(p.phase)),
    p.phaseStart ? row('Phase started', date(p.phaseStart)) : '',
    p.phaseEnd ? row('Phase ends', date(p.phaseEnd)) : '',
    p.nextAssessment ? row('Next service assessment', date(p.nextAssessment)) : '',
    row('Budget', budgetNames[p.budgetBand] || 'Not known'),
    row('Looking for', seeking.length
      ? html`<ul class="govuk-list govuk-list--bullet">${seeking.map((s) => html`<li>${seekingNames[s] || s}</li>`)}</ul>`
      : 'Nothing at the moment'),
    tags.length ? row('Tags', html`<ul class="govuk-list">${tags.map((t) => html`<li><a class="govuk-link" href="/projects?q=${encodeURIComponent(t)}">${t}</a></li>`)}</ul>`) : '',
    (p.contactName || p.contactEmail)
      ? row('Key contact', html`${p.contactName ? html`<p class="govuk-body govuk-!-margin-bottom-1">${p.contactName}</p>` : ''}
        ${p.contactEmail ? html`<a class="govuk-link" href="mailto:${p.contactEmail}">${p.contactEmail}</a>` : ''}`)
      : '',
    links.length ? row('Links', html`<ul class="govuk-list">${links.map((l) => html`<li><a class="govuk-link" href="${l.url}" rel="noopener">${l.label || l.url}</a></li>`)}</ul>`) : '',
    e.continuedIn ? row('Continued in', projectLink(e.continuedIn)) : '',
    (e.reuses || []).length ? row('Reuses', html`<ul class="govuk-list">${e.reuses.map((q) => html`<li>${projectLink(q)}</li>`)}</ul>`) : '',
    html`<div class="govuk-summary-list__row" id="last-confirmed-row">${lastConfirmedCells(p)}</div>`
  ]
  return html`<dl class="govuk-summary-list">${rows}</dl>`
}

function lastConfirmedCells (p) {
  return html`<dt class="govuk-summary-list__key">
      Last confirmed
    </dt>
    <dd class="govuk-summary-list__value">
      ${date(p.lastConfirmedAt) || 'Not yet'}
    </dd>`
}

function page (p) {
  const org = p.expand?.organisation
  return html`<div id="page-banner"></div>
<span class="govuk-caption-l">${orgLink(org)}</span>
<h1 class="govuk-heading-l">${p.title}</h1>
<div id="project-head"></div>
<p class="govuk-body-l">${p.summary}</p>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${summaryList(p)}
    <div id="call"></div>
    ${p.description ? html`<h2 class="govuk-heading-m">About the project</h2>${paragraphs(p.description)}` : ''}
    ${outcomeSection(p)}
    <div id="reuse"></div>
    <h2 class="govuk-heading-m">Who is interested</h2>
    <div id="interest"><p class="govuk-body">Loading who is interested…</p></div>
    <h2 class="govuk-heading-m">Updates</h2>
    <div id="updates"><p class="govuk-body">Loading updates…</p></div>
    <p class="govuk-body-s"><a class="govuk-link" href="/feeds/projects/${p.id}.atom">Follow this project's updates in a feed reader</a></p>
    <h2 class="govuk-heading-m">Similar work in other councils</h2>
    <div id="similar"><p class="govuk-body">Loading similar projects…</p></div>
  </div>
  <div class="govuk-grid-column-one-third">
    <div id="actions"></div>
  </div>
</div>`
}

/** Phase, freshness and the notes on dormant and draft projects. */
function renderHead (p) {
  const seen = lastSeen(p)
  render($('project-head'), html`<p class="govuk-body">
    <span class="govuk-visually-hidden">Phase: </span>${phaseTag(p.phase)}
    <span class="govuk-visually-hidden">Status: </span>${freshness(p)}
    ${seen ? html`<span class="govuk-!-margin-left-1">${seen}</span>` : ''}
  </p>
  ${p.dormantSince ? html`<div class="govuk-inset-text">
  This project is dormant: nobody has confirmed or updated it for a long time
</div>` : ''}
  ${p.visibility === 'draft' ? html`<div class="govuk-warning-text">
  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
  <strong class="govuk-warning-text__text">
    <span class="govuk-visually-hidden">Warning</span>
    Draft: only your organisation can see this
  </strong>
</div>` : ''}`)
  const last = document.getElementById('last-confirmed-row')
  if (last) render(last, lastConfirmedCells(p))
}

function lowerFirst (s) {
  return s ? s[0].toLowerCase() + s.slice(1) : s
}

function kindsInWords (kinds) {
  return Object.entries(kinds || {}).map(([k, n]) => {
    const words = lowerFirst(interestNames[k] || k)
    return n > 1 ? `${words} (${n} people)` : words
  }).join(', ')
}

async function loadInterest (p) {
  const box = $('interest')
  try {
    const res = await pb.send('/api/pipeline/projects/' + encodeURIComponent(p.id) + '/interest', {})
    const n = res.followers || 0
    const orgs = res.organisations || []
    if (!n) {
      render(box, html`<p class="govuk-body">Nobody is following this project yet.</p>`)
      return
    }
    render(box, html`<p class="govuk-body">${n === 1 ? '1 follower' : `${n} followers`}</p>
      ${orgs.length ? html`<ul class="govuk-list govuk-list--bullet">${orgs.map((o) => html`<li>${orgLink(o)}: ${kindsInWords(o.kinds)}</li>`)}</ul>` : ''}`)
  } catch (err) {
    render(box, html`<p class="govuk-body">Who is interested could not be loaded. Try again later.</p>`)
  }
}

/** The body an edit of the phase writes, which the heading already says. */
function isPhaseNote (u) {
  return !!u.phaseTo && /^Moved from [a-z]+ to [a-z]+\.$/.test((u.body || '').trim())
}

async function loadUpdates (p) {
  const box = $('updates')
  try {
    const items = await pb.collection('updates').getFullList({
      filter: pb.filter('project = {:p}', { p: p.id }), sort: '-created', expand: 'author'
    })
    if (!items.length) {
      render(box, html`<p class="govuk-body">No updates yet.</p>`)
      return
    }
    render(box, html`<ol class="app-timeline">${items.map((u) => html`<li class="app-timeline__item">
      <p class="govuk-body-s app-timeline__date govuk-!-margin-bottom-1">${date(u.created)}</p>
      ${u.phaseTo ? html`<h3 class="govuk-heading-s govuk-!-margin-bottom-2">Moved from ${phaseNames[u.phaseFrom] || u.phaseFrom || 'an earlier phase'} to ${phaseNames[u.phaseTo] || u.phaseTo}</h3>` : ''}
      ${isPhaseNote(u) ? '' : html`<p class="govuk-body app-pre-wrap govuk-!-margin-bottom-1">${u.body}</p>`}
      ${u.expand?.author?.name ? html`<p class="govuk-body-s app-timeline__date">Posted by ${u.expand.author.name}</p>` : ''}
    </li>`)}</ol>`)
  } catch (err) {
    render(box, html`<p class="govuk-body">The updates could not be loaded. Try again later.</p>`)
  }
}

// The actions panel ----------------------------------------------------------

function button (action, label, secondary = true) {
  return html`<button type="button" class="govuk-button ${secondary ? 'govuk-button--secondary' : ''}" data-module="govuk-button" data-action="${action}">
  ${label}
</button>`
}

function linkButton (href, label, secondary = false) {
  return html`<a href="${href}" role="button" draggable="false" class="govuk-button ${secondary ? 'govuk-button--secondary' : ''}" data-module="govuk-button">
  ${label}
</a>`
}

/** Renders the panel for whoever is looking; banner is a success message. */
async function renderPanel (p, banner = '') {
  const box = $('actions')
  const u = me()
  const top = banner ? successBanner(banner, 'actions-banner-title') : ''
  let body
  if (!u) {
    body = html`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body"><a class="govuk-link" href="/sign-in?next=${encodeURIComponent(window.location.pathname)}">Sign in to follow or express interest</a></p>`
  } else if (!approved()) {
    body = html`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body">You can follow and express interest once your organisation membership is approved.</p>
      <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`
  } else if (memberOf(p.organisation)) {
    body = ownPanel(p)
  } else {
    body = await otherPanel(p)
  }
  render(box, html`${top}${body}`)
  // initAll() starts the components of the first render; later renders
  // start their own.
  if (box.dataset.rendered) {
    for (const C of [Button, Radios, CharacterCount, NotificationBanner]) createAll(C, undefined, box)
  }
  box.dataset.rendered = 'yes'
}

function ownPanel (p) {
  const adoptable = !!p.dormantSince || !p.owner
  const base = '/projects/' + p.slug
  return html`<h2 class="govuk-heading-m">Manage this project</h2>
    <div class="govuk-button-group">
      ${linkButton(base + '/edit', 'Edit project')}
      ${linkButton(base + '/update', 'Post an update', true)}
    </div>
    <h3 class="govuk-heading-s">Is it still accurate?</h3>
    <p class="govuk-body">If nothing has changed, confirm it, so that other councils know it is current.</p>
    ${button('confirm', 'Confirm it is still accurate')}
    ${adoptable ? html`<h3 class="govuk-heading-s">Adopt this project</h3>
      <p class="govuk-body">${p.owner ? 'Nobody has looked after this project for a long time.' : 'This project has no owner.'} Adopt it to become its owner: you will be asked to keep it up to date.</p>
      ${button('adopt', 'Adopt this project')}` : ''}`
}

let myInterest = null

async function findMyInterest (p) {
  try {
    return await pb.collection('interests').getFirstListItem(pb.filter('project = {:p} && user = {:u}', { p: p.id, u: me().id }))
  } catch (err) {
    if (err?.status === 404) return null
    throw err
  }
}

async function otherPanel (p) {
  try {
    myInterest = await findMyInterest(p)
  } catch (err) {
    return html`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body">Your interest in this project could not be loaded. Try again later.</p>`
  }
  const i = myInterest
  const active = i && i.state !== 'withdrawn'
  const orgName = p.expand?.organisation?.name || 'the project\'s organisation'
  const partner = (p.partners || []).includes(me().organisation) && p.visibility === 'published'
  let status = ''
  if (active && i.kind === 'following') {
    status = html`<p class="govuk-body">You are following this project. You will hear about its updates.</p>
      ${button('unfollow', 'Stop following')}`
  } else if (active) {
    status = html`<h3 class="govuk-heading-s">Your interest</h3>
      <dl class="govuk-summary-list">
        ${row('Interest', interestNames[i.kind] || i.kind)}
        ${row('Status', stateTag(i.state))}
      </dl>
      ${i.message ? html`<details class="govuk-details">
  <summary class="govuk-details__summary">
    <span class="govuk-details__summary-text">
      Your message
    </span>
  </summary>
  <div class="govuk-details__text app-pre-wrap">${i.message}</div>
</details>` : ''}
      ${button('withdraw', 'Withdraw')}`
  }
  const canExpress = !i || !active || i.kind === 'following'
  return html`<h2 class="govuk-heading-m">Get involved</h2>
    ${partner ? html`<p class="govuk-body">Your organisation is a partner in this project.</p>
      ${linkButton('/projects/' + p.slug + '/update', 'Post an update', true)}` : ''}
    ${status}
    ${!active ? html`<p class="govuk-body">Follow the project to hear about its updates.</p>${button('follow', 'Follow')}` : ''}
    ${canExpress ? interestForm(orgName) : ''}`
}

function interestForm (orgName) {
  const items = Object.entries(interestKinds).map(([value, label], n) => {
    const id = n ? `f-kind-${value}` : 'f-kind'
    return html`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${id}" name="kind" type="radio" value="${value}">
      <label class="govuk-label govuk-radios__label" for="${id}">
        ${label}
      </label>
    </div>`
  })
  return html`<form id="interest-form" novalidate>
    <h3 class="govuk-heading-s">Express interest</h3>
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" aria-describedby="f-kind-hint">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          What is your organisation's interest?
        </legend>
        <div id="f-kind-hint" class="govuk-hint">
          ${orgName} will see your name, organisation and message.
        </div>
        <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
          ${items}
        </div>
      </fieldset>
    </div>
    <div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="2000">
      <label class="govuk-label govuk-label--s" for="f-message">
        Message
      </label>
      <div id="f-message-hint" class="govuk-hint">
        What you are working on and what you would like to happen next
      </div>
      <textarea class="govuk-textarea govuk-js-character-count" id="f-message" name="message" rows="5" aria-describedby="f-message-info f-message-hint"></textarea>
      <div id="f-message-info" class="govuk-hint govuk-character-count__message">
        You can enter up to 2000 characters
      </div>
    </div>
    <button type="submit" class="govuk-button" data-module="govuk-button">
      Send
    </button>
  </form>`
}

/** Wires the interest form, when the panel has one. */
function wireInterestForm (p) {
  const form = document.getElementById('interest-form')
  if (!form) return
  const orgName = p.expand?.organisation?.name || 'the project\'s organisation'
  forms.handleForm(form, {
    validate (data) {
      const errors = {}
      if (!interestKinds[data.kind]) errors.kind = 'Choose what your organisation\'s interest is'
      if ((data.message || '').length > 2000) errors.message = 'Your message must be 2,000 characters or fewer'
      return errors
    },
    async save (data) {
      const values = { kind: data.kind, message: data.message || '' }
      if (myInterest) {
        if (myInterest.state === 'withdrawn') values.state = 'open'
        await pb.collection('interests').update(myInterest.id, values)
      } else {
        await pb.collection('interests').create({ project: p.id, ...values })
      }
      forms.clearErrors(form)
      await afterChange(p, `Your interest has been sent to ${orgName}`)
    },
    messages: {
      kind: { validation_required: 'Choose what your organisation\'s interest is' },
      message: { validation_max_text_constraint: 'Your message must be 2,000 characters or fewer' }
    }
  })
}

async function afterChange (p, message) {
  await Promise.all([renderPanel(p, message), loadInterest(p)])
  wireInterestForm(p)
}

async function onAction (e, p) {
  const target = e.target.closest('button[data-action]')
  if (!target || target.disabled) return
  const action = target.dataset.action
  target.setAttribute('disabled', '')
  target.setAttribute('aria-disabled', 'true')
  const panel = $('actions')
  try {
    if (action === 'confirm' || action === 'adopt') {
      const updated = await pb.send('/api/pipeline/projects/' + encodeURIComponent(p.id) + '/' + action, { method: 'POST' })
      Object.assign(p, { ...updated, expand: p.expand })
      forms.clearErrors(panel)
      renderHead(p)
      await renderPanel(p, action === 'confirm'
        ? 'Thank you: the project is confirmed as accurate today'
        : 'You have adopted this project and are now its owner')
      return
    }
    if (action === 'follow') {
      if (myInterest) await pb.collection('interests').update(myInterest.id, { kind: 'following', message: '', state: 'open' })
      else await pb.collection('interests').create({ project: p.id, kind: 'following' })
      forms.clearErrors(panel)
      await afterChange(p, 'You are now following this project')
    } else if (action === 'unfollow' && myInterest) {
      await pb.collection('interests').delete(myInterest.id)
      forms.clearErrors(panel)
      await afterChange(p, 'You have stopped following this project')
    } else if (action === 'withdraw' && myInterest) {
      await pb.collection('interests').update(myInterest.id, { state: 'withdrawn' })
      forms.clearErrors(panel)
      await afterChange(p, 'Your interest has been withdrawn')
    }
  } catch (err) {
    const errors = forms.errorsFrom(err)
    forms.showErrors(panel, { action: Object.values(errors).join(' ') })
  } finally {
    if (target.isConnected) {
      target.removeAttribute('disabled')
      target.removeAttribute('aria-disabled')
    }
  }
}
