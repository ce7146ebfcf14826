// Ask to join an organisation, or change or renew the request. A verified
// address at the organisation's own email domain joins at once.
import { Button, createAll } from 'govuk-frontend'

import { me, pb, requireSignIn } from '../api.mjs'
import { handleForm } from '../forms.mjs'
import { nationNames } from '../format.mjs'
import { $, html, render } from '../html.mjs'

const NATIONS = ['england', 'scotland', 'wales', 'northernIreland']

export default async function join () {
  if (!requireSignIn()) return
  const u = me()
  const status = $('join-status')
  if (u.membership === 'approved') {
    await showMember(status, u)
    return
  }
  let orgs
  try {
    orgs = await pb.collection('organisations').getFullList({ sort: 'name', fields: 'id,name,nation' })
  } catch (err) {
    render(status, html`<p class="govuk-body">The list of organisations could not be loaded. Refresh the page to try again.</p>`)
    return
  }
  const names = Object.fromEntries(orgs.map((o) => [o.id, o.name]))
  const joinsOnVerifying = !u.verified && u.membership === 'pending' && await admitsDomain(u.organisation, u.email)
  render(status, currentRequest(u, names[u.organisation], joinsOnVerifying))
  const form = $('join-form')
  const select = $('f-organisation')
  render(select, options(orgs, u.organisation))
  if (u.membership === 'pending' && u.organisation) form.querySelector('button[type=submit]').textContent = 'Change your request'
  form.hidden = false
  handleForm(form, {
    validate (data) {
      return data.organisation ? {} : { organisation: 'Choose your organisation' }
    },
    async save (data) {
      const body = { organisation: data.organisation }
      // A declined request is renewed, even to the same organisation.
      if (me().membership === 'declined') body.membership = 'pending'
      await pb.collection('users').update(me().id, body)
      await pb.collection('users').authRefresh()
      sent(me(), names[data.organisation] || 'the organisation')
    },
    messages: {
      organisation: {
        validation_missing_rel_records: 'Choose your organisation',
        validation_required: 'Choose your organisation'
      }
    }
  })
}

async function showMember (status, u) {
  if (!u.organisation) {
    render(status, html`<p class="govuk-body">You are a Pipeline coordinator, so you do not need to join an organisation.</p>`)
    return
  }
  let name = ''
  try {
    name = (await pb.collection('organisations').getOne(u.organisation, { fields: 'id,name' })).name
  } catch (err) {
    // Said without the name below.
  }
  render(status, name
    ? html`<p class="govuk-body">You are a member of <strong>${name}</strong>.</p>`
    : html`<p class="govuk-body">You are already a member of an organisation.</p>`)
}

function currentRequest (u, orgName, joinsOnVerifying) {
  const name = orgName || 'an organisation'
  if (!u.verified && u.membership === 'pending' && u.organisation && joinsOnVerifying) {
    return html`<div class="govuk-inset-text">
      You will join ${name} as soon as you verify your email address, ${u.email}. Follow the link in the email we sent you, or <a class="govuk-link" href="/verify-email">get a new link</a>.
    </div>`
  }
  const unverified = u.verified ? html`` : html`<div class="govuk-inset-text">
    You need to verify your email address, ${u.email}, before an organisation can accept you. Follow the link in the email we sent you, or <a class="govuk-link" href="/verify-email">get a new link</a>.
  </div>`
  if (u.membership === 'declined') {
    return html`<div class="govuk-inset-text">
      Your request to join ${name} was declined. You can ask again, to the same organisation or another one.
    </div>${unverified}`
  }
  if (u.membership === 'pending' && u.organisation) {
    return html`<div class="govuk-inset-text">
      You have asked to join ${name}. An organisation admin or a coordinator will decide.
    </div>${unverified}<p class="govuk-body">If you chose the wrong organisation, you can change your request.</p>`
  }
  return unverified
}

/**
 * Whether organisation id admits the email's domain once it is verified
 * (its own domain or a parent of it, as the server decides).
 */
async function admitsDomain (id, email) {
  if (!id) return false
  try {
    const org = await pb.collection('organisations').getOne(id, { fields: 'id,emailDomains' })
    const domain = email.split('@').pop().trim().toLowerCase()
    return (Array.isArray(org.emailDomains) ? org.emailDomains : []).some((d) => {
      d = String(d).toLowerCase()
      return domain === d || domain.endsWith('.' + d)
    })
  } catch (err) {
    return false
  }
}

function options (orgs, chosen) {
  const groups = [...NATIONS.map((n) => [nationNames[n], orgs.filter((o) => o.nation === n)]),
    ['Other', orgs.filter((o) => !NATIONS.includes(o.nation))]]
  return html`<option value="">Choose your organisation</option>${groups.filter(([, list]) => list.length).map(([label, list]) =>
    html`<optgroup label="${label}">${list.map((o) =>
      html`<option value="${o.id}"${o.id === chosen ? html` selected` : ''}>${o.name}</option>`)}</optgroup>`)}`
}

function sent (u, name) {
  const box = $('join')
  document.querySelector('.govuk-error-summary')?.remove()
  const approved = u?.membership === 'approved'
  const title = approved ? `You are now a member of ${name}` : 'Your request has been sent'
  render(box, html`<h1 class="govuk-heading-l" tabindex="-1">${title}</h1>
    ${approved
      ? html`<p class="govuk-body">You can now publish ${name}’s projects and reply to interest in them.</p>`
      : html`<p class="govuk-body">Your request has been sent to ${name}. We will email you when it is decided.</p>`}
    <a href="/my" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
      Go to My Pipeline
    </a>`)
  document.title = `${title} – Pipeline`
  createAll(Button, undefined, box)
  box.querySelector('h1').focus()
}
