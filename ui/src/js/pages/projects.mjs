// Projects list: filters, sort and pagination, all in the address so a
// list can be shared.
import { me, pb } from '../api.mjs'
import { callLine } from '../calls.mjs'
import { handleForm } from '../forms.mjs'
import { freshness, phaseNames, phases, phaseTag, seekingNames } from '../format.mjs'
import { $, html, raw, render } from '../html.mjs'

const PER_PAGE = 20

export default async function projects () {
  const params = new URLSearchParams(window.location.search)
  renderOptions(params)
  await Promise.all([loadOrganisations(params), loadResults(params), savedSearches(params)])
}

// Saved searches: signed-in people save the list they are looking at and
// hear, at their email frequency, when a new project matches it.

function currentFilters (params) {
  const f = {}
  if (params.getAll('phase').length) f.phase = params.getAll('phase')
  if (params.getAll('seeking').length) f.seeking = params.getAll('seeking')
  for (const k of ['organisation', 'nation', 'region']) if (params.get(k)) f[k] = params.get(k)
  return f
}

function searchHref (s) {
  const q = new URLSearchParams()
  if (s.query) q.set('q', s.query)
  const f = s.filters || {}
  for (const k of ['organisation', 'nation', 'region']) if (f[k]) q.set(k, f[k])
  for (const v of f.phase || []) q.append('phase', v)
  for (const v of f.seeking || []) q.append('seeking', v)
  return '/projects?' + q.toString()
}

async function savedSearches (params) {
  const u = me()
  const box = $('saved-searches')
  if (!u) return
  box.hidden = false
  const list = await pb.collection('savedSearches').getFullList({ sort: 'name' }).catch(() => [])
  const canSave = (params.get('q') || '').trim() || Object.keys(currentFilters(params)).length
  render(box, html`<h2 class="govuk-heading-m">Saved searches</h2>
    <div id="saved-banner"></div>
    ${list.length
      ? html`<ul class="govuk-list">${list.map((s) => html`<li class="app-actions">
          <a class="govuk-link" href="${searchHref(s)}">${s.name}</a>
          <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" data-delete="${s.id}">Delete<span class="govuk-visually-hidden"> saved search ${s.name}</span></button>
        </li>`)}</ul>`
      : html`<p class="govuk-body">Save a search to hear when a new project matches it.</p>`}
    ${canSave ? html`<form id="save-search" novalidate>
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--s" for="f-name">Name this search</label>
        <div class="govuk-hint" id="f-name-hint">We will tell you when a new project matches it, as often as your email settings say</div>
        <input class="govuk-input" id="f-name" name="name" type="text" aria-describedby="f-name-hint" value="${(params.get('q') || '').trim()}">
      </div>
      <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Save this search</button>
    </form>` : ''}`)
  box.addEventListener('click', async (e) => {
    const id = e.target.closest('[data-delete]')?.dataset.delete
    if (!id) return
    await pb.collection('savedSearches').delete(id)
    await savedSearches(params)
  }, { once: true })
  const form = document.getElementById('save-search')
  if (form) {
    handleForm(form, {
      validate: (d) => (d.name ? {} : { name: 'Enter a name for this search' }),
      async save (d) {
        await pb.collection('savedSearches').create({ name: d.name, query: (params.get('q') || '').trim(), filters: currentFilters(params) })
        await savedSearches(params)
        render($('saved-banner'), html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title" data-module="govuk-notification-banner">
          <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="saved-title">Success</h2></div>
          <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">Your search “${d.name}” is saved</p></div></div>`)
      },
      messages: { name: { validation_required: 'Enter a name for this search' } }
    })
  }
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
  $('f-call').checked = params.get('call') === 'open'
}

async function loadOrganisations (params) {
  const select = $('f-organisation')
  if (select.options.length > 1) return // the server listed them
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
  for (const key of ['q', 'organisation', 'nation', 'region', 'updatedSince', 'dormant', 'call', 'sort']) {
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
    ${p.call ? callLine(p.call, 'call-' + p.id) : ''}
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
