// Similar projects, as a list of links with what they share.
import { pb } from './api.mjs'
import { phaseTag } from './format.mjs'
import { html } from './html.mjs'

/**
 * Fetches projects like a project (by id) or like a title and summary as
 * they are typed; scope 'own' asks for the signed-in officer's own
 * organisation's projects, drafts included.
 */
export async function fetchSimilar ({ project, title, text, scope, limit = 5 }) {
  const query = project ? { project, limit } : { title, text, limit }
  if (scope) query.scope = scope
  const res = await pb.send('/api/pipeline/similar', { query })
  return res.items || []
}

/** The similar projects as a GOV.UK list, each saying what it shares. */
export function similarList (items, { organisation = true } = {}) {
  return html`<ul class="govuk-list app-similar">${items.map((s) => html`<li class="app-similar__item">
    <a class="govuk-link" href="${s.origin ? s.origin.url : '/projects/' + s.slug}">${s.title}</a>
    <span class="govuk-body-s app-similar__meta">${organisation ? s.organisation.name : ''}${s.origin ? ', on ' + s.origin.host : ''} ${phaseTag(s.phase)}${s.visibility === 'draft' ? html` <strong class="govuk-tag govuk-tag--grey">Draft</strong>` : ''}</span>
    ${s.shared && s.shared.length ? html`<span class="govuk-body-s app-similar__why">Shares: ${s.shared.slice(0, 3).join(', ')}</span>` : ''}
  </li>`)}</ul>`
}
