// An organisation's portfolio: every project, drafts too, in a table that
// sorts by any column, with its freshness, last update, interest, followers
// and open call; downloadable as CSV. Officers see their own organisation;
// coordinators may choose any (?organisation=<slug>, a GET form).
import { approved, me, pb, requireSignIn } from '../api.mjs'
import { date, phases, phaseTag } from '../format.mjs'
import { $, html, render } from '../html.mjs'

const freshnessOrder = { active: 0, stale: 1, dormant: 2 }
const freshnessTags = {
  active: html`<strong class="govuk-tag govuk-tag--green">Up to date</strong>`,
  stale: html`<strong class="govuk-tag govuk-tag--yellow">Being chased</strong>`,
  dormant: html`<strong class="govuk-tag govuk-tag--grey">Dormant</strong>`
}
const visibilityNames = { published: 'Published', draft: 'Draft' }

const byText = (a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base', numeric: true })

// The table's columns: heading, how to sort, and what a cell shows.
const columns = [
  { key: 'title', label: 'Project', sort: (a, b) => byText(a.title || '', b.title || ''), cell: (p) => html`<a class="govuk-link" href="/projects/${p.slug}">${p.title}</a>` },
  { key: 'phase', label: 'Phase', sort: (a, b) => phases.indexOf(a.phase) - phases.indexOf(b.phase), cell: (p) => phaseTag(p.phase) },
  { key: 'visibility', label: 'Visibility', sort: (a, b) => byText(visibilityNames[a.visibility] || a.visibility || '', visibilityNames[b.visibility] || b.visibility || ''), cell: (p) => visibilityNames[p.visibility] || p.visibility },
  { key: 'freshness', label: 'Freshness', sort: (a, b) => (freshnessOrder[a.freshness] ?? 9) - (freshnessOrder[b.freshness] ?? 9), cell: (p) => freshnessTags[p.freshness] || p.freshness },
  { key: 'lastUpdateAt', label: 'Last update', sort: (a, b) => (a.lastUpdateAt || '').localeCompare(b.lastUpdateAt || ''), cell: (p) => date(p.lastUpdateAt) || 'None' },
  { key: 'interestCount', label: 'Interest', numeric: true, sort: (a, b) => (a.interestCount || 0) - (b.interestCount || 0), cell: (p) => String(p.interestCount || 0) },
  { key: 'followerCount', label: 'Followers', numeric: true, sort: (a, b) => (a.followerCount || 0) - (b.followerCount || 0), cell: (p) => String(p.followerCount || 0) },
  {
    key: 'openCall',
    label: 'Open call',
    sort: (a, b) => (a.openCall ? a.openCall.progress : -1) - (b.openCall ? b.openCall.progress : -1),
    cell: (p) => p.openCall
      ? html`<a class="govuk-link" href="/projects/${p.slug}#call">${p.openCall.progress}% pledged<span class="govuk-visually-hidden"> towards the partner call for ${p.title}</span></a><span class="govuk-!-display-block">closes ${date(p.openCall.deadline)}</span>`
      : 'None'
  }
]

export default async function portfolio () {
  if (!requireSignIn()) return
  const u = me()
  const coordinator = approved() && u.role === 'coordinator'
  if (!approved()) {
    return notAllowed(u.membership === 'pending'
      ? 'Your request to join your organisation is waiting for approval. You can see its portfolio once an admin of your organisation, or a Pipeline coordinator, approves it.'
      : 'Only approved members of an organisation can see its portfolio.')
  }
  const wanted = coordinator ? (new URLSearchParams(window.location.search).get('organisation') || '').trim() : ''
  if (coordinator) await organisationChooser(wanted)
  $('pf-loading').remove()
  $('pf').hidden = false

  const box = $('portfolio')
  if (coordinator && (wanted || !u.organisation)) {
    // Until the organisation is known to be the coordinator's own.
    $('portfolio-title').textContent = 'Organisation portfolio'
    document.title = 'Organisation portfolio – Pipeline'
  }
  if (!wanted && !u.organisation) {
    render(box, html`<p class="govuk-body">You do not belong to an organisation. Choose one to see its portfolio.</p>`)
    return
  }
  const query = wanted ? { organisation: wanted } : {}
  let data
  try {
    data = await pb.send('/api/pipeline/portfolio', { query })
  } catch (err) {
    if (err?.status === 403 || err?.status === 401) {
      $('pf').hidden = true
      return notAllowed('Only approved members of an organisation can see its portfolio.')
    }
    render(box, err?.status === 404
      ? html`<p class="govuk-body">There is no organisation at that address.${coordinator ? ' Choose one from the list.' : ''}</p>`
      : html`<p class="govuk-body">The portfolio could not be loaded. Refresh the page to try again.</p>`)
    return
  }
  showOrganisation(data.organisation, u)
  drawPortfolio(box, data)
}

function notAllowed (text) {
  document.getElementById('pf-loading')?.remove()
  $('not-allowed-text').textContent = text
  $('not-allowed').hidden = false
}

/** The coordinator's choice of organisation, filled from the API. */
async function organisationChooser (wanted) {
  const form = $('org-form')
  const select = $('f-organisation')
  let orgs = []
  try {
    orgs = await pb.collection('organisations').getFullList({ sort: 'name', fields: 'id,name,slug' })
  } catch (err) {
    // Without the list there is nothing to choose from; the portfolio still loads.
    return
  }
  render(select, html`<option value="">Choose an organisation</option>
    ${orgs.map((o) => html`<option value="${o.slug}">${o.name}</option>`)}`)
  select.value = wanted
  if (select.value !== wanted) select.value = ''
  form.hidden = false
}

function showOrganisation (org, u) {
  if (!org) return
  const own = org.id === u.organisation
  $('org-caption').textContent = org.name
  const title = own ? 'Your organisation\'s portfolio' : 'Organisation portfolio'
  $('portfolio-title').textContent = title
  document.title = `${title}: ${org.name} – Pipeline`
}

function plural (n, one, many) {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

function drawPortfolio (box, data) {
  const org = data.organisation || {}
  const items = (data.items || []).slice()
  if (!items.length) {
    render(box, html`<p class="govuk-body">${org.name || 'This organisation'} has no projects yet.</p>
      ${org.id && org.id === me()?.organisation ? html`<p class="govuk-body"><a class="govuk-link" href="/projects/new">Add a project</a></p>` : ''}`)
    return
  }
  const published = items.filter((p) => p.visibility === 'published').length
  const chased = items.filter((p) => p.freshness === 'stale' || p.freshness === 'dormant').length
  render(box, html`<p class="govuk-body">${plural(items.length, 'project', 'projects')}: ${published} published, ${items.length - published} ${items.length - published === 1 ? 'draft' : 'drafts'}${chased ? html`; ${plural(chased, 'needs', 'need')} confirming as still accurate` : ''}.</p>
    <div class="govuk-button-group">
      <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="download-csv">Download as CSV<span class="govuk-visually-hidden">: ${org.name} portfolio</span></button>
    </div>
    <div id="download-status" aria-live="polite"></div>
    <p class="govuk-body" id="sort-hint">Select a column heading to sort the table by it. Select it again to reverse the order.</p>
    <div class="app-table-wrapper"><table class="govuk-table" id="portfolio-table">
      <caption class="govuk-table__caption govuk-table__caption--m">Projects of ${org.name}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          ${columns.map((c) => html`<th scope="col" class="govuk-table__header${c.numeric ? ' govuk-table__header--numeric' : ''}" aria-sort="none" data-column="${c.key}">
            <button type="button" class="govuk-link app-sort-button" data-sort="${c.key}" aria-describedby="sort-hint">${c.label}<span class="app-sort-button__arrow" aria-hidden="true"></span></button>
          </th>`)}
        </tr>
      </thead>
      <tbody class="govuk-table__body"></tbody>
    </table></div>
    <p class="govuk-visually-hidden" aria-live="polite" id="sort-status"></p>`)
  // Keeps visually hidden text inside the table's scroll box on small screens
  // (belongs in _components.scss: .app-table-wrapper { position: relative }).

  const table = $('portfolio-table')
  const state = { key: 'title', dir: 'ascending' }
  const draw = () => {
    const column = columns.find((c) => c.key === state.key)
    const sign = state.dir === 'ascending' ? 1 : -1
    // Ties keep title order, whichever way the column runs.
    const sorted = items.slice().sort((a, b) => sign * column.sort(a, b) || columns[0].sort(a, b))
    render(table.tBodies[0], html`${sorted.map((p) => html`<tr class="govuk-table__row">
      ${columns.map((c) => html`<td class="govuk-table__cell${c.numeric ? ' govuk-table__cell--numeric' : ''}">${c.cell(p)}</td>`)}
    </tr>`)}`)
    table.querySelectorAll('th[data-column]').forEach((th) => {
      const on = th.dataset.column === state.key
      th.setAttribute('aria-sort', on ? state.dir : 'none')
      th.querySelector('.app-sort-button__arrow').textContent = on ? (state.dir === 'ascending' ? '\u00a0▲' : '\u00a0▼') : '\u00a0↕'
    })
  }
  draw()
  table.tHead.addEventListener('click', (e) => {
    const button = e.target.closest('button[data-sort]')
    if (!button) return
    const key = button.dataset.sort
    state.dir = state.key === key && state.dir === 'ascending' ? 'descending' : 'ascending'
    state.key = key
    draw()
    const label = columns.find((c) => c.key === key).label
    $('sort-status').textContent = `Sorted by ${label}, ${state.dir}`
  })

  $('download-csv').addEventListener('click', (e) => download(e.currentTarget, org))
}

/** Fetches the CSV with the signed-in token or session cookie
 *  and saves it through an object URL on a real link. */
async function download (button, org) {
  const status = $('download-status')
  status.replaceChildren()
  button.disabled = true
  button.setAttribute('aria-disabled', 'true')
  try {
    const query = me()?.role === 'coordinator' && org.slug ? '?organisation=' + encodeURIComponent(org.slug) : ''
    const res = await fetch(pb.buildURL('/api/pipeline/portfolio.csv') + query, pb.authStore.isValid ? { headers: { Authorization: pb.authStore.token } } : {})
    if (!res.ok) throw new Error(`status ${res.status}`)
    const blob = new Blob([await res.text()], { type: 'text/csv;charset=utf-8' })
    const named = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') || '')
    const name = named ? named[1] : `portfolio-${org.slug || 'organisation'}.csv`
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = name
    a.hidden = true
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 60000)
    render(status, html`<p class="govuk-body">Your download has started: ${name}</p>`)
  } catch (err) {
    render(status, html`<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> The CSV file could not be downloaded. Try again.</p>`)
  } finally {
    button.disabled = false
    button.removeAttribute('aria-disabled')
  }
}

