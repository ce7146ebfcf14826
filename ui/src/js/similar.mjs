// Similar projects in other councils, as a list of links.
import { pb } from './api.mjs'
import { phaseTag } from './format.mjs'
import { html } from './html.mjs'

/** Fetches projects like a project (by id) or like some text. */
export async function fetchSimilar ({ project, text, limit = 5 }) {
  const query = project ? { project, limit } : { text, limit }
  const res = await pb.send('/api/pipeline/similar', { query })
  return res.items || []
}

/** The similar projects as a GOV.UK list. */
export function similarList (items) {
  return html`<ul class="govuk-list app-similar">${items.map((s) => html`<li class="app-similar__item">
    <a class="govuk-link" href="/projects/${s.slug}">${s.title}</a>
    <span class="govuk-body-s app-similar__meta">${s.organisation.name} ${phaseTag(s.phase)}</span>
  </li>`)}</ul>`
}
