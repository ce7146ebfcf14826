// Organisation admin: approve or decline people asking to join, remove
// officers who have left, and keep the organisation's email domains and
// profile. Coordinators see requests to join every organisation.

import { approved, me, pb, requireSignIn } from '../api.mjs'
import { date } from '../format.mjs'
import { clearErrors, errorsFrom, handleForm, showErrors } from '../forms.mjs'
import { $, html, render } from '../html.mjs'
import { clearBanners, onAction, successBanner } from '../actions.mjs'

const roleNames = { officer: 'Officer', orgAdmin: 'Organisation admin', coordinator: 'Coordinator' }

export default async function organisationAdmin () {
  if (!requireSignIn()) return
  const u = me()
  const coordinator = approved() && u.role === 'coordinator'
  const orgAdmin = approved() && u.role === 'orgAdmin' && !!u.organisation
  $('admin-loading').remove()
  if (!coordinator && !orgAdmin) {
    $('not-allowed').hidden = false
    return
  }
  $('admin').hidden = false
  const ownOrg = !!u.organisation
  $('members-section').hidden = !ownOrg
  $('org-section').hidden = !ownOrg
  let org = null
  if (ownOrg) {
    try {
      org = await pb.collection('organisations').getOne(u.organisation)
      $('org-caption').textContent = org.name
    } catch (err) {
      // The sections below say what could not be loaded.
    }
  }
  const page = { u, coordinator, org }
  await Promise.all([requests(page), ownOrg ? members(page) : null, ownOrg ? organisationForms(page) : null])
}

// ---------------------------------------------------------------------------
// Shared helpers

/** Shows a success banner at the top of the page, and moves focus to it. */
function success (message) {
  clearErrors($('admin'))
  clearBanners()
  const box = document.querySelector('[data-banner]')
  successBanner(box, 'admin-banner-title', message)
}

function failure (container, err) {
  clearBanners()
  showErrors(container, errorsFrom(err))
}

const smallSecondary = 'govuk-button govuk-button--secondary govuk-!-font-size-16 govuk-!-margin-bottom-1'

// Members are added by approving requests, so the two sections share them.
let membersList = null
let drawMembers = () => {}

// ---------------------------------------------------------------------------
// a) People asking to join

async function requests ({ u, coordinator }) {
  const box = $('requests')
  const filter = coordinator
    ? 'membership = "pending" && organisation != ""'
    : pb.filter('membership = "pending" && organisation = {:o}', { o: u.organisation })
  let list
  try {
    list = await pb.collection('users').getFullList({ filter, expand: 'organisation', sort: 'created' })
  } catch (err) {
    render(box, html`<p class="govuk-body">The requests to join could not be loaded. Refresh the page to try again.</p>`)
    return
  }
  const draw = () => {
    if (!list.length) {
      render(box, html`<p class="govuk-body">No one is waiting to join${coordinator ? ' any organisation' : ' your organisation'}.</p>`)
      return
    }
    render(box, html`<p class="govuk-body">${list.length === 1 ? '1 person is' : `${list.length} people are`} waiting for an answer. Approve only people you know work for ${coordinator ? 'the organisation they chose' : 'your organisation'}.</p>
<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">People asking to join, oldest request first</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Name</th>
      <th scope="col" class="govuk-table__header">Email address</th>
      ${coordinator ? html`<th scope="col" class="govuk-table__header">Organisation</th>` : ''}
      <th scope="col" class="govuk-table__header">Asked</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${list.map((p) => html`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${p.name}${p.jobTitle ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${p.jobTitle}</span>` : ''}</td>
      <td class="govuk-table__cell">${p.email || 'Hidden'}${p.verified ? '' : html`<span class="govuk-!-display-block govuk-!-margin-top-1"><strong class="govuk-tag govuk-tag--grey">Not verified yet</strong></span>`}</td>
      ${coordinator ? html`<td class="govuk-table__cell">${p.expand?.organisation?.name || ''}</td>` : ''}
      <td class="govuk-table__cell">${date(p.created)}</td>
      <td class="govuk-table__cell">
        <button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="approved" data-id="${p.id}">
          Approve<span class="govuk-visually-hidden"> ${p.name}</span>
        </button>
        <button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="declined" data-id="${p.id}">
          Decline<span class="govuk-visually-hidden"> ${p.name}</span>
        </button>
      </td>
    </tr>`)}
  </tbody>
</table></div>`)
  }
  draw()
  onAction(box, async (button) => {
    const n = list.findIndex((p) => p.id === button.dataset.id)
    if (n < 0) return
    const membership = button.dataset.action
    const person = list[n]
    const orgName = person.expand?.organisation?.name || 'your organisation'
    try {
      const updated = await pb.collection('users').update(person.id, { membership })
      list.splice(n, 1)
      draw()
      if (membership === 'approved' && membersList && updated.organisation === u.organisation) {
        membersList.push({ ...person, ...updated })
        membersList.sort((a, b) => (a.name || '').localeCompare(b.name || ''))
        drawMembers()
      }
      success(membership === 'approved'
        ? `${person.name} is now a member of ${orgName}`
        : `You have declined ${person.name}'s request to join ${orgName}`)
    } catch (err) {
      failure(box, err)
    }
  })
}

// ---------------------------------------------------------------------------
// b) Members

async function members ({ u, coordinator, org }) {
  const box = $('members')
  try {
    membersList = await pb.collection('users').getFullList({
      filter: pb.filter('membership = "approved" && organisation = {:o}', { o: u.organisation }), sort: 'name'
    })
  } catch (err) {
    render(box, html`<p class="govuk-body">The members could not be loaded. Refresh the page to try again.</p>`)
    return
  }
  const orgName = org?.name || 'your organisation'
  let confirming = null
  const removable = (p) => p.id !== u.id && (p.role === 'officer' || (coordinator && p.role === 'orgAdmin'))
  drawMembers = () => {
    if (!membersList.length) {
      render(box, html`<p class="govuk-body">${orgName} has no members yet.</p>`)
      return
    }
    render(box, html`<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">Members of ${orgName}</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Name</th>
      <th scope="col" class="govuk-table__header">Job title</th>
      <th scope="col" class="govuk-table__header">Email address</th>
      <th scope="col" class="govuk-table__header">Role</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${membersList.map((p) => html`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${p.name}${p.id === u.id ? ' (you)' : ''}</td>
      <td class="govuk-table__cell">${p.jobTitle}</td>
      <td class="govuk-table__cell">${p.email}</td>
      <td class="govuk-table__cell">${roleNames[p.role] || p.role}</td>
      <td class="govuk-table__cell">${removable(p) && confirming !== p.id
        ? html`<button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="remove" data-id="${p.id}">
          Remove<span class="govuk-visually-hidden"> ${p.name}</span>
        </button>`
        : ''}</td>
    </tr>
    ${confirming === p.id
      ? html`<tr class="govuk-table__row">
      <td class="govuk-table__cell" colspan="5">
        <div class="govuk-warning-text" id="confirm-remove" tabindex="-1">
          <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            ${p.name} will no longer be a member of ${orgName}: they will not be able to edit its projects or answer interest in them. Their projects stay with ${orgName}, and anyone in it can adopt them.
          </strong>
        </div>
        <div class="govuk-button-group">
          <button type="button" class="govuk-button govuk-button--warning" data-module="govuk-button" data-action="remove-confirm" data-id="${p.id}">
            Remove ${p.name}
          </button>
          <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-action="remove-cancel" data-id="${p.id}">
            Cancel<span class="govuk-visually-hidden"> removing ${p.name}</span>
          </button>
        </div>
      </td>
    </tr>`
      : ''}`)}
  </tbody>
</table></div>`)
  }
  drawMembers()
  onAction(box, async (button) => {
    const id = button.dataset.id
    const person = membersList.find((p) => p.id === id)
    if (!person) return
    if (button.dataset.action === 'remove') {
      clearBanners()
      confirming = id
      drawMembers()
      $('confirm-remove').focus()
      return
    }
    if (button.dataset.action === 'remove-cancel') {
      confirming = null
      drawMembers()
      box.querySelector(`button[data-action="remove"][data-id="${CSS.escape(id)}"]`)?.focus()
      return
    }
    try {
      await pb.collection('users').update(id, { membership: 'declined' })
      confirming = null
      membersList = membersList.filter((p) => p.id !== id)
      drawMembers()
      success(`${person.name} is no longer a member of ${orgName}`)
    } catch (err) {
      failure(box, err)
    }
  })
}

// ---------------------------------------------------------------------------
// c) Email domains and the organisation's profile

async function organisationForms ({ org }) {
  const domainsForm = $('domains-form')
  const profileForm = $('profile-form')
  if (!org) {
    render($('org-name'), html`Your organisation's details could not be loaded. Refresh the page to try again.`)
    domainsForm.hidden = true
    profileForm.hidden = true
    return
  }
  const fill = () => {
    $('f-emailDomains').value = (Array.isArray(org.emailDomains) ? org.emailDomains : []).join('\n')
    $('f-shortName').value = org.shortName || ''
    $('f-website').value = org.website || ''
    $('f-description').value = org.description || ''
    render($('org-name'), html`Name: ${org.name}. Ask a coordinator if it needs to change. <a class="govuk-link" href="/organisations/${org.slug}">See your organisation's public page</a>.`)
  }
  fill()

  const domainsOf = (text) => (text || '').split(/[\n,;]+/).map((d) => d.trim()).filter(Boolean)
  handleForm(domainsForm, {
    validate: (data) => {
      clearBanners()
      const bad = domainsOf(data.emailDomains).find((d) => !/^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(d))
      return bad ? { emailDomains: `${bad} is not an email domain. Enter domains like leeds.gov.uk, one on each line, without anything before the @` } : {}
    },
    save: async (data) => {
      const domains = domainsOf(data.emailDomains)
      org = await pb.collection('organisations').update(org.id, { emailDomains: domains })
      fill()
      success(org.emailDomains?.length
        ? `${org.name}'s email domains are saved: ${org.emailDomains.join(', ')}`
        : `${org.name} has no email domains now: everyone who asks to join needs approving`)
    }
  })

  handleForm(profileForm, {
    validate: (data) => {
      clearBanners()
      const errors = {}
      if (data.website && !/^https?:\/\/[^\s.]+\.[^\s]+$/i.test(data.website) && !/^[^\s.]+\.[^\s]+$/.test(data.website)) {
        errors.website = 'Enter a web address, like https://www.leeds.gov.uk'
      }
      if ((data.description || '').length > 2000) errors.description = 'About your organisation must be 2,000 characters or fewer'
      if ((data.shortName || '').length > 100) errors.shortName = 'Short name must be 100 characters or fewer'
      return errors
    },
    messages: { website: { default: 'Enter a web address, like https://www.leeds.gov.uk' } },
    save: async (data) => {
      let website = data.website || ''
      if (website && !/^https?:\/\//i.test(website)) website = 'https://' + website
      org = await pb.collection('organisations').update(org.id, {
        shortName: data.shortName || '', website, description: data.description || ''
      })
      fill()
      success(`${org.name}'s profile is saved`)
    }
  })
}
