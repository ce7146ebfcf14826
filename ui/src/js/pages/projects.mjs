// Projects list: filters, sort and pagination, all in the address so a
// list can be shared.
import { pb } from '../api.mjs'
import { freshness, phaseNames, phases, phaseTag, seekingNames } from '../format.mjs'
import { $, html, render } from '../html.mjs'

const PER_PAGE = 20
const sorts = { updated: '-lastActivityAt', newest: '-created', title: 'title' }

export default async function projects () {
  const params = new URLSearchParams(window.location.search)
  renderOptions(params)
  await Promise.all([loadOrganisations(params), loadResults(params)])
}

function checkboxes (name, names, chosen) {
  return Object.entries(names).map(([value, label], i) => html`<div class="govuk-checkboxes__item">
    <input class="govuk-checkboxes__input" id="f-${name}${i ? '-' + value : ''}" name="${name}" type="checkbox" value="${value}" ${chosen.includes(value) ? 'checked' : ''}>
    <label class="govuk-label govuk-checkboxes__label" for="f-${name}${i ? '-' + value : ''}">${label}</label>
  </div>`)
}

function renderOptions (params) {
  render($('phase-options'), html`${checkboxes('phase', Object.fromEntries(phases.map((p) => [p, phaseNames[p]])), params.getAll('phase'))}`)
  render($('seeking-options'), html`${checkboxes('seeking', seekingNames, params.getAll('seeking'))}`)
  for (const name of ['q', 'nation', 'region', 'updatedSince', 'sort']) {
    const el = document.getElementById('f-' + name)
    if (params.get(name)) el.value = params.get(name)
  }
  $('f-dormant').checked = params.get('dormant') === '1'
}

async function loadOrganisations (params) {
  const select = $('f-organisation')
  try {
    const orgs = await pb.collection('organisations').getFullList({ sort: 'name', fields: 'id,name,slug' })
    const chosen = params.get('organisation')
    for (const o of orgs) {
      const opt = new Option(o.name, o.slug, false, o.slug === chosen)
      select.add(opt)
    }
  } catch (err) {
    // The rest of the filters still work.
  }
}

/** The PocketBase filter for the chosen filters. */
export function buildFilter (params) {
  const parts = ['visibility = "published"']
  const values = {}
  const q = (params.get('q') || '').trim()
  if (q) {
    parts.push('(title ~ {:q} || summary ~ {:q} || description ~ {:q} || tags ~ {:q} || organisation.name ~ {:q})')
    values.q = q
  }
  const chosenPhases = params.getAll('phase').filter((p) => phases.includes(p))
  if (chosenPhases.length) {
    parts.push('(' + chosenPhases.map((p, i) => { values['p' + i] = p; return `phase = {:p${i}}` }).join(' || ') + ')')
  }
  const seeking = params.getAll('seeking').filter((s) => s in seekingNames)
  seeking.forEach((s, i) => { values['s' + i] = s; parts.push(`seeking ~ {:s${i}}`) })
  if (params.get('organisation')) { parts.push('organisation.slug = {:org}'); values.org = params.get('organisation') }
  if (params.get('nation')) { parts.push('organisation.nation = {:nation}'); values.nation = params.get('nation') }
  if (params.get('region')) { parts.push('organisation.region = {:region}'); values.region = params.get('region') }
  const days = parseInt(params.get('updatedSince') || '', 10)
  if (days > 0) {
    const since = new Date(Date.now() - days * 86400000).toISOString().replace('T', ' ')
    parts.push('lastActivityAt >= {:since}')
    values.since = since
  }
  if (params.get('dormant') !== '1') parts.push('dormantSince = ""')
  return pb.filter(parts.join(' && '), values)
}

async function loadResults (params) {
  const box = $('results')
  const page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1)
  try {
    const res = await pb.collection('projects').getList(page, PER_PAGE, {
      filter: buildFilter(params),
      sort: sorts[params.get('sort')] || sorts.updated,
      expand: 'organisation',
      fields: 'id,slug,title,summary,phase,seeking,lastActivityAt,lastConfirmedAt,dormantSince,chaseStage,expand.organisation.name'
    })
    const count = res.totalItems === 1 ? '1 project' : `${res.totalItems} projects`
    render(box, html`<p class="govuk-body govuk-!-font-weight-bold">${count}</p>
      ${res.items.length ? html`<ul class="govuk-list">${res.items.map(card)}</ul>` : html`<p class="govuk-body">No projects match these filters. <a class="govuk-link" href="/projects">Clear the filters</a>.</p>`}`)
    pagination(params, page, res.totalPages)
  } catch (err) {
    render(box, html`<p class="govuk-body">Projects could not be loaded. Try again, or <a class="govuk-link" href="/projects">clear the filters</a>.</p>`)
  }
}

function card (p) {
  const org = p.expand?.organisation
  return html`<li class="app-card">
    <h2 class="govuk-heading-s app-card__title"><a class="govuk-link" href="/projects/${p.slug}">${p.title}</a></h2>
    <p class="govuk-body-s app-card__meta">${org ? org.name : ''}</p>
    <p class="govuk-body-s">${phaseTag(p.phase)} ${freshness(p)}</p>
    <p class="govuk-body">${p.summary}</p>
    ${p.seeking?.length ? html`<p class="govuk-body-s">Looking for: ${p.seeking.map((s) => seekingNames[s] || s).join(', ')}</p>` : ''}
  </li>`
}

function pageHref (params, n) {
  const next = new URLSearchParams(params)
  next.set('page', String(n))
  return '/projects?' + next.toString()
}

function pagination (params, page, total) {
  const nav = $('pagination')
  if (total <= 1) { nav.hidden = true; return }
  const items = []
  for (let n = 1; n <= total; n++) {
    if (n !== 1 && n !== total && Math.abs(n - page) > 1) {
      if (items[items.length - 1] !== 'gap') items.push('gap')
      continue
    }
    items.push(n)
  }
  render(nav, html`${page > 1 ? html`<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href="${pageHref(params, page - 1)}" rel="prev"><span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span></a></div>` : ''}
    <ul class="govuk-pagination__list">${items.map((n) => n === 'gap'
      ? html`<li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>`
      : html`<li class="govuk-pagination__item ${n === page ? 'govuk-pagination__item--current' : ''}"><a class="govuk-link govuk-pagination__link" href="${pageHref(params, n)}" aria-label="Page ${n}" ${n === page ? html`aria-current="page"` : ''}>${n}</a></li>`)}</ul>
    ${page < total ? html`<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href="${pageHref(params, page + 1)}" rel="next"><span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span></a></div>` : ''}`)
  nav.hidden = false
}
