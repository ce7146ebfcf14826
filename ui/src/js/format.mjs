// Words and formats shared by the pages.
import { html } from './html.mjs'

export const phases = ['concept', 'discovery', 'alpha', 'beta', 'live', 'retired']
export const phaseNames = { concept: 'Concept', discovery: 'Discovery', alpha: 'Alpha', beta: 'Beta', live: 'Live', retired: 'Retired' }
export const phaseTags = { concept: 'govuk-tag--grey', discovery: 'govuk-tag--light-blue', alpha: 'govuk-tag--purple', beta: 'govuk-tag--orange', live: 'govuk-tag--green', retired: 'govuk-tag--grey' }
export const budgetNames = {
  unknown: 'Not known', under50k: 'Under £50,000', '50to100k': '£50,000 to £100,000', '100to250k': '£100,000 to £250,000',
  '250to500k': '£250,000 to £500,000', '500kto1m': '£500,000 to £1 million', over1m: 'Over £1 million'
}
export const seekingNames = {
  partners: 'Partners to deliver with', funding: 'Funding', skills: 'Skills or people',
  research: 'Shared research or ideas', reuse: 'Reuse of something that exists', conversation: 'A conversation'
}
export const interestNames = {
  following: 'Following', join: 'Wants to join', reuse: 'Wants to reuse', similar: 'Has done something similar', contribute: 'Can contribute'
}
export const stateNames = { open: 'Waiting for a reply', acknowledged: 'Acknowledged', collaborating: 'Collaborating', declined: 'Declined', withdrawn: 'Withdrawn' }
export const stateTags = { open: 'govuk-tag--yellow', acknowledged: 'govuk-tag--blue', collaborating: 'govuk-tag--green', declined: 'govuk-tag--red', withdrawn: 'govuk-tag--grey' }
export const nationNames = { england: 'England', scotland: 'Scotland', wales: 'Wales', northernIreland: 'Northern Ireland' }

export function phaseTag (phase) {
  return html`<strong class="govuk-tag ${phaseTags[phase] || ''}">${phaseNames[phase] || phase}</strong>`
}

export function stateTag (state) {
  return html`<strong class="govuk-tag ${stateTags[state] || ''}">${stateNames[state] || state}</strong>`
}

/** "3 March 2027" from a PocketBase date, or '' when empty. */
export function date (value) {
  if (!value) return ''
  const d = new Date(value.replace(' ', 'T'))
  if (Number.isNaN(d.getTime())) return ''
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })
}

/** The yyyy-mm-dd form of a PocketBase date, for date inputs. */
export function isoDay (value) {
  return value ? value.slice(0, 10) : ''
}

const DAY = 24 * 60 * 60 * 1000

/** Freshness of a project, as words and a tag: never colour alone. */
export function freshness (p) {
  if (p.phase === 'retired') return ''
  if (p.dormantSince) return html`<strong class="govuk-tag govuk-tag--grey">Dormant</strong>`
  const seen = Math.max(Date.parse((p.lastActivityAt || '').replace(' ', 'T')) || 0, Date.parse((p.lastConfirmedAt || '').replace(' ', 'T')) || 0)
  const days = Math.floor((Date.now() - seen) / DAY)
  if (p.chaseStage > 0 || days >= 90) return html`<strong class="govuk-tag govuk-tag--yellow">Needs confirming</strong>`
  return html`<strong class="govuk-tag govuk-tag--green">Up to date</strong>`
}

/** "Confirmed or updated 12 days ago". */
export function lastSeen (p) {
  const seen = Math.max(Date.parse((p.lastActivityAt || '').replace(' ', 'T')) || 0, Date.parse((p.lastConfirmedAt || '').replace(' ', 'T')) || 0)
  if (!seen) return ''
  const days = Math.floor((Date.now() - seen) / DAY)
  if (days <= 0) return 'Confirmed or updated today'
  if (days === 1) return 'Confirmed or updated yesterday'
  return `Confirmed or updated ${days} days ago`
}
