// Timeline of phases across councils: published projects with phase dates,
// each drawn as a bar on a shared date axis. Filters live in the address
// (a GET form), so a timeline can be shared.
import { pb } from '../api.mjs'
import { date, nationNames, phaseNames, phases, phaseTag } from '../format.mjs'
import { $, html, render } from '../html.mjs'

const LIMIT = 200
const DAY = 24 * 60 * 60 * 1000
const FILTERS = ['tag', 'phase', 'nation', 'region']

export default async function timeline () {
  const params = new URLSearchParams(window.location.search)
  const chosen = Object.fromEntries(FILTERS.map((name) => [name, (params.get(name) || '').trim()]))
  if (!phases.includes(chosen.phase)) chosen.phase = ''
  for (const name of FILTERS) {
    const el = $('f-' + name)
    el.value = chosen[name]
    // A value the select does not offer leaves it on "Any …".
    if (el.tagName === 'SELECT' && el.value !== chosen[name]) el.value = ''
  }
  await loadResults(chosen)
}

function filterFor (chosen) {
  const parts = ['visibility = "published"', '(phaseStart != "" || phaseEnd != "")']
  if (chosen.tag) parts.push(pb.filter('tags ~ {:tag}', { tag: chosen.tag }))
  if (chosen.phase) parts.push(pb.filter('phase = {:phase}', { phase: chosen.phase }))
  if (chosen.nation) parts.push(pb.filter('organisation.nation = {:nation}', { nation: chosen.nation }))
  if (chosen.region) parts.push(pb.filter('organisation.region = {:region}', { region: chosen.region }))
  return parts.join(' && ')
}

/** Milliseconds since 1970 from a PocketBase date, or null when empty. */
function time (value) {
  if (!value) return null
  const t = Date.parse(value.replace(' ', 'T'))
  return Number.isNaN(t) ? null : t
}

/** "Aug 2026": the axis labels are short and only decorate. */
function month (t) {
  return new Date(t).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'Europe/London' })
}

/** The shared axis: earliest start to latest end, always including today;
 *  today ± 6 months when the results give no span. */
function axisFor (items, today) {
  const times = items.flatMap((p) => [time(p.phaseStart), time(p.phaseEnd)]).filter((t) => t !== null)
  let from = Math.min(today, ...times)
  let to = Math.max(today, ...times)
  if (!times.length || to - from < 30 * DAY) {
    const d = new Date(today)
    from = Math.min(from, new Date(d.getFullYear(), d.getMonth() - 6, d.getDate()).getTime())
    to = Math.max(to, new Date(d.getFullYear(), d.getMonth() + 6, d.getDate()).getTime())
  }
  return { from, to, x: (t) => Math.round(((t - from) / (to - from)) * 1000) / 10 }
}

/** Words for the filters in use, for the caption. */
function describe (chosen) {
  const words = []
  if (chosen.tag) words.push(`tagged “${chosen.tag}”`)
  if (chosen.phase) words.push(`in the ${phaseNames[chosen.phase]} phase`)
  if (chosen.nation) words.push(`in ${nationNames[chosen.nation] || chosen.nation}`)
  if (chosen.region) words.push(`in ${chosen.region}`)
  return words.join(', ')
}

async function loadResults (chosen) {
  const box = $('results')
  const filtered = FILTERS.some((name) => chosen[name])
  let res
  try {
    res = await pb.collection('projects').getList(1, LIMIT, {
      filter: filterFor(chosen),
      sort: 'phaseStart',
      expand: 'organisation',
      fields: 'id,title,slug,phase,phaseStart,phaseEnd,expand.organisation.name,expand.organisation.slug'
    })
  } catch (err) {
    render(box, html`<p class="govuk-body">The timeline could not be loaded. Try again, or <a class="govuk-link" href="/timeline">clear the filters</a>.</p>`)
    return
  }
  if (!res.items.length) {
    render(box, filtered
      ? html`<h2 class="govuk-heading-m">No projects found</h2>
        <p class="govuk-body">No published projects with phase dates match these filters${describe(chosen) ? html` (${describe(chosen)})` : ''}.</p>
        <p class="govuk-body">You could <a class="govuk-link" href="/timeline">clear the filters</a> or <a class="govuk-link" href="/projects">search all projects</a>.</p>`
      : html`<h2 class="govuk-heading-m">No projects found</h2>
        <p class="govuk-body">No published project has a phase start or end date yet. <a class="govuk-link" href="/projects">See all projects</a>.</p>`)
    return
  }

  // Projects with only an end date sort by it, among the others' starts.
  const items = res.items
    .map((p, i) => ({ p, i, key: time(p.phaseStart) ?? time(p.phaseEnd) }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map(({ p }) => p)
  const today = Date.now()
  const axis = axisFor(items, today)
  const count = res.totalItems === 1 ? '1 project' : `${res.totalItems} projects`
  const shown = res.totalItems > items.length ? ` (the first ${items.length} are shown)` : ''
  const about = describe(chosen)

  render(box, html`<p class="govuk-body govuk-!-font-weight-bold">${count} with phase dates${about ? html`, ${about}` : ''}${shown}</p>
    <p class="govuk-body">Each bar runs from the start to the end of a project's current phase. A paler bar runs to the edge of the chart where the start or end date is not set. The dashed line marks today.</p>
    <div class="app-table-wrapper">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Phases, earliest start first</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Project</th>
            <th scope="col" class="govuk-table__header">Organisation</th>
            <th scope="col" class="govuk-table__header">Phase</th>
            <th scope="col" class="govuk-table__header">Started</th>
            <th scope="col" class="govuk-table__header">Ends</th>
            <th scope="col" class="govuk-table__header app-timeline-chart">
              <span class="govuk-visually-hidden">Timeline (a picture of the Started and Ends dates)</span>
              <span class="app-timeline-axis" aria-hidden="true">
                <span class="app-timeline-axis__ends"><span>${month(axis.from)}</span><span>${month(axis.to)}</span></span>
                <span class="app-timeline-axis__today" data-x="${axis.x(today)}">Today</span>
              </span>
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">${items.map((p) => row(p, axis, today))}</tbody>
      </table>
    </div>
    <p class="govuk-body"><a class="govuk-link" href="/projects">See all projects as a list you can search</a></p>`)
  placeToday(box)
}

function row (p, axis, today) {
  const org = p.expand?.organisation
  return html`<tr class="govuk-table__row">
    <td class="govuk-table__cell"><a class="govuk-link" href="/projects/${p.slug}">${p.title}</a></td>
    <td class="govuk-table__cell">${org ? html`<a class="govuk-link" href="/organisations/${org.slug}">${org.name}</a>` : ''}</td>
    <td class="govuk-table__cell">${phaseTag(p.phase)}</td>
    <td class="govuk-table__cell">${date(p.phaseStart) || 'Not set'}</td>
    <td class="govuk-table__cell">${date(p.phaseEnd) || 'Not set'}</td>
    <td class="govuk-table__cell app-timeline-chart">${bar(p, axis, today)}</td>
  </tr>`
}

/** The decorative bar: SVG attributes position it, since the
 *  Content-Security-Policy forbids inline style attributes. */
function bar (p, axis, today) {
  const start = time(p.phaseStart)
  const end = time(p.phaseEnd)
  const x1 = start === null ? 0 : axis.x(start)
  const x2 = end === null ? 100 : axis.x(end)
  const left = Math.min(x1, x2)
  const width = Math.max(Math.abs(x2 - x1), 0.8)
  const open = start === null || end === null
  return html`<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false" class="app-timeline-bar">
    <rect class="app-timeline-bar__track" x="0" y="4.5" width="100" height="1"></rect>
    <rect class="${open ? 'app-timeline-bar__open' : 'app-timeline-bar__span'}" x="${Math.min(left, 100 - width)}" y="2" width="${width}" height="6"></rect>
    ${start !== null && end === null ? html`<rect class="app-timeline-bar__span" x="${Math.min(x1, 99.2)}" y="2" width="0.8" height="6"></rect>` : ''}
    ${start === null && end !== null ? html`<rect class="app-timeline-bar__span" x="${Math.max(x2 - 0.8, 0)}" y="2" width="0.8" height="6"></rect>` : ''}
    <line class="app-timeline-bar__today-halo" x1="${axis.x(today)}" x2="${axis.x(today)}" y1="0" y2="10" vector-effect="non-scaling-stroke"></line>
    <line class="app-timeline-bar__today" x1="${axis.x(today)}" x2="${axis.x(today)}" y1="0" y2="10" vector-effect="non-scaling-stroke"></line>
  </svg>`
}

/** Puts the "Today" label over today's place on the axis, through the
 *  CSSOM (allowed by the Content-Security-Policy, unlike style attributes). */
function placeToday (box) {
  const label = box.querySelector('.app-timeline-axis__today')
  if (!label) return
  const x = Number(label.dataset.x)
  label.style.left = `${x}%`
  if (x < 12) label.classList.add('app-timeline-axis__today--start')
  else if (x > 88) label.classList.add('app-timeline-axis__today--end')
}
