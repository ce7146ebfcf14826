// Home: counts by phase and the latest status updates.
import { pb } from '../api.mjs'
import { date, phaseTag } from '../format.mjs'
import { callLine } from '../calls.mjs'
import { $, html, render } from '../html.mjs'

export default async function home () {
  await Promise.all([counts(), activity(), calls(), featured()])
}

// Projects the network's coordinators chose to feature.
async function featured () {
  try {
    const res = await pb.collection('projects').getList(1, 3, {
      filter: 'featured = true && visibility = "published"', sort: '-lastActivityAt', expand: 'organisation', skipTotal: true
    })
    if (!res.items.length) return
    render($('featured'), html`<h2 class="govuk-heading-m">Featured projects</h2>
      <ul class="govuk-list govuk-grid-row">${res.items.map((p) => html`<li class="govuk-grid-column-one-third app-card">
        <h3 class="govuk-heading-s app-card__title"><a class="govuk-link" href="/projects/${p.slug}">${p.title}</a></h3>
        <p class="govuk-body-s app-card__meta">${p.expand?.organisation?.name || ''}</p>
        <p class="govuk-body-s">${phaseTag(p.phase)}</p>
        <p class="govuk-body">${p.summary}</p></li>`)}</ul>`)
  } catch (err) {}
}

async function calls () {
  const box = $('calls')
  try {
    const res = await pb.collection('calls').getList(1, 3, {
      filter: pb.filter('state = "open" && deadline > {:now}', { now: new Date().toISOString().replace('T', ' ') }),
      sort: 'deadline', expand: 'project,project.organisation', skipTotal: true
    })
    render(box, res.items.length
      ? html`<ul class="govuk-list">${res.items.map((c) => html`<li class="app-card">
          <a class="govuk-link govuk-!-font-weight-bold" href="/projects/${c.expand?.project?.slug}#call">${c.expand?.project?.title}</a>
          <span class="govuk-body-s app-card__meta">${c.expand?.project?.expand?.organisation?.name || ''}</span>
          ${callLine(c, 'home-call-' + c.id)}</li>`)}</ul>`
      : html`<p class="govuk-body">No partner calls are open at the moment.</p>`)
  } catch (err) {
    render(box, html`<p class="govuk-body">Partner calls could not be loaded.</p>`)
  }
}

async function counts () {
  const phases = [...document.querySelectorAll('[data-count]')]
  await Promise.all(phases.map(async (el) => {
    const res = await pb.collection('projects').getList(1, 1, {
      filter: pb.filter('visibility = "published" && phase = {:p} && dormantSince = ""', { p: el.dataset.count }),
      fields: 'id'
    })
    el.textContent = String(res.totalItems)
  }))
}

async function activity () {
  const box = $('activity')
  try {
    const res = await pb.collection('updates').getList(1, 8, {
      sort: '-created', expand: 'project,project.organisation', skipTotal: true
    })
    if (!res.items.length) {
      render(box, html`<p class="govuk-body">No updates yet.</p>`)
      return
    }
    render(box, html`<ul class="govuk-list">${res.items.map((u) => {
      const p = u.expand?.project
      if (!p) return ''
      const org = p.expand?.organisation?.name || ''
      return html`<li class="app-card">
        <h3 class="govuk-heading-s app-card__title"><a class="govuk-link" href="/projects/${p.slug}">${p.title}</a></h3>
        <p class="govuk-body-s app-card__meta">${org} · ${date(u.created)} ${u.phaseTo ? html`· moved to ${phaseTag(u.phaseTo)}` : ''}</p>
        <p class="govuk-body app-pre-wrap">${u.body}</p>
      </li>`
    })}</ul>`)
  } catch (err) {
    render(box, html`<p class="govuk-body">The latest updates could not be loaded. <a class="govuk-link" href="/projects">Browse projects</a> instead.</p>`)
  }
}
