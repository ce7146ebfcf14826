// An organisation's pipeline: its projects grouped by phase.
import { pb } from '../api.mjs'
import { freshness, nationNames, phaseNames, phases } from '../format.mjs'
import { $, html, render } from '../html.mjs'

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
    ${org.website ? html`<p class="govuk-body"><a class="govuk-link" href="${org.website}" rel="noopener">${org.website}</a></p>` : ''}
    <p class="govuk-body">${own.length === 1 ? '1 project' : `${own.length} projects`}. <a class="govuk-link" href="/projects?organisation=${org.slug}&amp;dormant=1">See them as a list you can filter</a>.</p>
    <p class="govuk-body-s"><a class="govuk-link" href="/feeds/organisations/${org.slug}.atom">Follow ${org.name}'s projects in a feed reader</a> · <a class="govuk-link" href="/calendar.ics?organisation=${org.slug}">${org.name}'s dates as a calendar</a></p>
    ${phases.map((ph) => {
      const list = own.filter((p) => p.phase === ph)
      if (!list.length) return ''
      return html`<h2 class="govuk-heading-m">${phaseNames[ph]} <span class="govuk-caption-m">${list.length === 1 ? '1 project' : `${list.length} projects`}</span></h2>
        <ul class="govuk-list">${list.map((p) => html`<li class="app-card">
          <h3 class="govuk-heading-s app-card__title"><a class="govuk-link" href="/projects/${p.slug}">${p.title}</a></h3>
          <p class="govuk-body-s">${freshness(p)} ${p.visibility === 'draft' ? html`<strong class="govuk-tag govuk-tag--grey">Draft</strong>` : ''}</p>
          <p class="govuk-body">${p.summary}</p></li>`)}</ul>`
    })}
    ${own.length ? '' : html`<p class="govuk-body">${org.name} has not published any projects yet.</p>`}
    ${partnered.length ? html`<h2 class="govuk-heading-m">Partner in</h2><ul class="govuk-list">${partnered.map((p) => html`<li><a class="govuk-link" href="/projects/${p.slug}">${p.title}</a></li>`)}</ul>` : ''}`)
}
