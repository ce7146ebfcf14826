// Projects list: filters, sort and pagination, all in the address so a
// list can be shared.
import { pb } from '../api.mjs'
import { freshness, phaseNames, phases, phaseTag, seekingNames } from '../format.mjs'
import { $, html, raw, render } from '../html.mjs'

const PER_PAGE = 20

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

async function loadResults (params) {
  const box = $('results')
  const page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1)
  const query = { perPage: PER_PAGE, page }
  for (const key of ['q', 'organisation', 'nation', 'region', 'updatedSince', 'dormant', 'sort']) {
    if (params.get(key)) query[key] = params.get(key)
  }
  // Repeated filters go in the address as they are.
  const extra = [...params.getAll('phase').map((v) => ['phase', v]), ...params.getAll('seeking').map((v) => ['seeking', v])]
  const path = '/api/pipeline/search' + (extra.length ? '?' + new URLSearchParams(extra).toString() : '')
  try {
    const res = await pb.send(path, { query })
    const count = res.totalItems === 1 ? '1 project' : `${res.totalItems} projects`
    const corrections = Object.entries(res.corrections || {})
    render(box, html`<p class="govuk-body govuk-!-font-weight-bold">${count}</p>
      ${corrections.length ? html`<p class="govuk-body">Including results for ${corrections.map(([typed, read], i) => html`${i ? ', ' : ''}<strong>${read}</strong> (you typed “${typed}”)`)}.</p>` : ''}
      ${res.items.length ? html`<ul class="govuk-list">${res.items.map(card)}</ul>` : html`<p class="govuk-body">No projects match these filters. <a class="govuk-link" href="/projects">Clear the filters</a>.</p>`}`)
    pagination(params, page, res.totalPages)
  } catch (err) {
    render(box, html`<p class="govuk-body">Projects could not be loaded. Try again, or <a class="govuk-link" href="/projects">clear the filters</a>.</p>`)
  }
}

function card (p) {
  return html`<li class="app-card">
    <h2 class="govuk-heading-s app-card__title"><a class="govuk-link" href="/projects/${p.slug}">${p.title}</a></h2>
    <p class="govuk-body-s app-card__meta">${p.organisation.name}</p>
    <p class="govuk-body-s">${phaseTag(p.phase)} ${freshness(p)} ${p.visibility === 'draft' ? html`<strong class="govuk-tag govuk-tag--grey">Draft</strong>` : ''}</p>
    <p class="govuk-body">${p.summary}</p>
    ${p.snippet && !p.summary.includes(p.snippet.replace(/<\/?mark>/g, '')) ? html`<p class="govuk-body-s app-snippet">${raw(p.snippet)}</p>` : ''}
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
