// An organisation's pipeline: its projects grouped by phase.
import { pb } from '../api.mjs'
import { freshness, nationNames, phaseNames, phases } from '../format.mjs'
import { $, html, render } from '../html.mjs'
import { isWebAddress } from '../urls.mjs'

export default async function organisation () {
  const slug = decodeURIComponent(window.location.pathname.split('/')[2] || '')
  const box = $('organisation')
  let org
  try {
    org = await pb.collection('organisations').getFirstListItem(pb.filter('slug = {:s}', { s: slug }))
  } catch (err) {
    document.title = 'Organisation not found – Pipeline'
    render(box, html`<h1 class="govuk-heading-l">Organisation not found</h1>
      <p class="govuk-body">Check the address, or <a class="govuk-link" href="/organisations">browse all organisations</a>.</p>`)
    return
  }
  document.title = `${org.name} – Pipeline`
  const projects = await pb.collection('projects').getFullList({
    filter: pb.filter('organisation = {:o} || partners.id ?= {:o}', { o: org.id }), sort: 'title'
  })
  const own = projects.filter((p) => p.organisation === org.id)
  const partnered = projects.filter((p) => p.organisation !== org.id)
  render(box, html`<span class="govuk-caption-l">${[org.region, nationNames[org.nation]].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(', ')}</span>
    <h1 class="govuk-heading-l">${org.name}</h1>
    ${org.description ? html`<p class="govuk-body-l">${org.description}</p>` : ''}
    ${isWebAddress(org.website) ? html`<p class="govuk-body"><a class="govuk-link" href="${org.website}" rel="noopener">${org.website}</a></p>` : ''}
    <p class="govuk-body">${own.length === 1 ? '1 project' : `${own.length} projects`}. <a class="govuk-link" href="/projects?organisation=${org.slug}&amp;dormant=1">See them as a list you can filter</a>.</p>
    <p class="govuk-body-s"><a class="govuk-link" href="/feeds/organisations/${org.slug}.atom">Follow ${org.name}'s projects in a feed reader</a> · <a class="govuk-link" href="/calendar.ics?organisation=${org.slug}">${org.name}'s dates as a calendar</a></p>
    ${own.length ? board(own) : ''}
    ${own.length ? '' : html`<p class="govuk-body">${org.name} has not published any projects yet.</p>`}
    ${partnered.length ? html`<h2 class="govuk-heading-m">Partner in</h2><ul class="govuk-list">${partnered.map((p) => html`<li><a class="govuk-link" href="/projects/${p.slug}">${p.title}</a></li>`)}</ul>` : ''}`)
}

/** A project count in words: "0 projects", "1 project", "3 projects". */
function count (n) {
  return n === 1 ? '1 project' : `${n} projects`
}

/** The first words of a summary, cut at a word boundary. */
function short (text, max = 110) {
  const s = (text || '').trim()
  if (s.length <= max) return s
  const cut = s.slice(0, max)
  return cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : max).replace(/[\s,.;:–-]+$/, '') + '…'
}

/** The organisation's own projects as a board: one column per phase, in
 *  phase order, each a section with a heading and a list (or "None"). */
function board (own) {
  return html`<div class="app-board">${phases.map((ph) => {
    const list = own.filter((p) => p.phase === ph)
    return html`<section class="app-board__column">
      <h2 class="govuk-heading-s app-board__heading">${phaseNames[ph]} <span class="app-board__count">${count(list.length)}</span></h2>
      ${list.length
        ? html`<ul class="app-board__list">${list.map((p) => html`<li class="app-board__card">
            <h3 class="app-board__title"><a class="govuk-link" href="/projects/${p.slug}">${p.title}</a></h3>
            ${freshness(p) || p.visibility === 'draft' ? html`<p class="app-board__tags">${freshness(p)} ${p.visibility === 'draft' ? html`<strong class="govuk-tag govuk-tag--grey">Draft</strong>` : ''}</p>` : ''}
            <p class="app-board__summary">${short(p.summary)}</p></li>`)}</ul>`
        : html`<p class="app-board__empty">None</p>`}
    </section>`
  })}</div>`
}
