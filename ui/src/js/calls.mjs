// Partner calls: progress shown in words and as a bar (never the bar
// alone), shared by the project page, lists and the home page.
import { date } from './format.mjs'
import { html } from './html.mjs'

export const callStateNames = { open: 'Open', formed: 'Formed', notFormed: 'Did not form', cancelled: 'Cancelled' }
export const callStateTags = { open: 'govuk-tag--blue', formed: 'govuk-tag--green', notFormed: 'govuk-tag--grey', cancelled: 'govuk-tag--grey' }

function money (n) {
  return '£' + Number(n || 0).toLocaleString('en-GB')
}

/** The least advanced of a call's goals, in percent. */
export function progress (c) {
  let p = 100
  let any = false
  for (const [goal, got] of [[c.goalPartners, c.pledgedPartners], [c.goalFunding, c.pledgedFunding], [c.goalDays, c.pledgedDays]]) {
    if (goal > 0) {
      any = true
      p = Math.min(p, (got || 0) * 100 / goal)
    }
  }
  return any ? Math.floor(p) : 0
}

/** Each goal with what has been pledged towards it. */
export function goalLines (c) {
  const lines = []
  if (c.goalPartners > 0) lines.push(`${c.pledgedPartners || 0} of ${c.goalPartners} partner organisations`)
  if (c.goalFunding > 0) lines.push(`${money(c.pledgedFunding)} of ${money(c.goalFunding)}`)
  if (c.goalDays > 0) lines.push(`${c.pledgedDays || 0} of ${c.goalDays} days of work`)
  return lines
}

/** A compact progress line for lists. */
export function callLine (c, id) {
  const p = progress(c)
  return html`<p class="govuk-body-s app-call-line"><strong>Partner call:</strong> ${p}% of its goal, closes ${date(c.deadline)}
    <progress class="app-progress" max="100" value="${p}" aria-labelledby="${id}"></progress><span class="govuk-visually-hidden" id="${id}">Partner call progress</span></p>`
}

/** The full progress block for the project page. */
export function callProgressBlock (c) {
  const p = progress(c)
  return html`<p class="govuk-body govuk-!-font-weight-bold" id="call-progress-label">${p}% of the goal pledged</p>
    <progress class="app-progress app-progress--large" max="100" value="${p}" aria-labelledby="call-progress-label"></progress>
    <ul class="govuk-list">${goalLines(c).map((l) => html`<li>${l}</li>`)}</ul>`
}
