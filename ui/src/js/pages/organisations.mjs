// Organisations by nation, with how many published projects each has.
import { pb } from '../api.mjs'
import { nationNames } from '../format.mjs'
import { $, html, render } from '../html.mjs'

export default async function organisations () {
  const q = (new URLSearchParams(window.location.search).get('q') || '').trim().toLowerCase()
  $('f-q').value = q
  const box = $('organisations')
  try {
    const [orgs, projects] = await Promise.all([
      pb.collection('organisations').getFullList({ sort: 'name', fields: 'id,name,shortName,slug,nation,region' }),
      pb.collection('projects').getFullList({ filter: 'visibility = "published"', fields: 'organisation' })
    ])
    const counts = {}
    projects.forEach((p) => { counts[p.organisation] = (counts[p.organisation] || 0) + 1 })
    const shown = orgs.filter((o) => !q || o.name.toLowerCase().includes(q) || (o.shortName || '').toLowerCase().includes(q))
    const groups = [...Object.keys(nationNames), ''].map((n) => [n, shown.filter((o) => (o.nation || '') === n)]).filter(([, list]) => list.length)
    if (!shown.length) {
      render(box, html`<p class="govuk-body">No organisation matches “${q}”.</p>`)
      return
    }
    render(box, html`${groups.map(([nation, list]) => html`<h2 class="govuk-heading-m">${nationNames[nation] || 'Other organisations'}</h2>
      <div class="app-table-wrapper"><table class="govuk-table"><caption class="govuk-table__caption govuk-visually-hidden">Organisations in ${nationNames[nation] || 'no nation'}</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Organisation</th><th scope="col" class="govuk-table__header">Region</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Projects</th></tr></thead>
      <tbody class="govuk-table__body">${list.map((o) => html`<tr class="govuk-table__row">
        <td class="govuk-table__cell"><a class="govuk-link" href="/organisations/${o.slug}">${o.name}</a></td>
        <td class="govuk-table__cell">${o.region}</td>
        <td class="govuk-table__cell govuk-table__cell--numeric">${counts[o.id] || 0}</td></tr>`)}</tbody></table></div>`)}`)
  } catch (err) {
    render(box, html`<p class="govuk-body">Organisations could not be loaded. Try again later.</p>`)
  }
}
