// The partner call section of a project page: the call's terms and
// progress, who has pledged, and what the person looking can do: open or
// cancel it (the owning organisation), or pledge for their organisation.
import { approved, me, memberOf, pb } from '../api.mjs'
import { callProgressBlock, callStateNames, callStateTags } from '../calls.mjs'
import { date } from '../format.mjs'
import { errorsFrom, handleForm, showErrors } from '../forms.mjs'
import { $, html, render } from '../html.mjs'

export async function loadCall (p) {
  const box = $('call')
  let call = null
  try {
    const res = await pb.collection('calls').getList(1, 1, { filter: pb.filter('project = {:p}', { p: p.id }), sort: '-created' })
    call = res.items[0] || null
  } catch (err) {
    render(box, html`<p class="govuk-body">The partner call could not be loaded.</p>`)
    return
  }
  if (!call) {
    render(box, memberOf(p.organisation)
      ? html`<h2 class="govuk-heading-m">Partner call</h2>
        <p class="govuk-body">Looking for councils to build this with? A partner call asks other councils to commit funding, people or both by a deadline. If enough commit, the partnership forms.</p>
        <a href="/projects/${p.slug}/call" role="button" draggable="false" class="govuk-button govuk-button--secondary" data-module="govuk-button">Open a partner call</a>`
      : html``)
    return
  }
  const pledgers = await pb.send(`/api/pipeline/calls/${call.id}/pledgers`, {}).catch(() => ({ organisations: [] }))
  const open = call.state === 'open' && Date.parse(call.deadline.replace(' ', 'T')) > Date.now()
  render(box, html`<section class="app-call" aria-labelledby="call-heading">
    <h2 class="govuk-heading-m" id="call-heading">Partner call <strong class="govuk-tag ${callStateTags[call.state]}">${callStateNames[call.state]}</strong></h2>
    <p class="govuk-body app-pre-wrap">${call.description}</p>
    ${call.partnersCommit ? html`<h3 class="govuk-heading-s">What partners commit to</h3><p class="govuk-body app-pre-wrap">${call.partnersCommit}</p>` : ''}
    ${call.partnersGet ? html`<h3 class="govuk-heading-s">What partners get</h3><p class="govuk-body app-pre-wrap">${call.partnersGet}</p>` : ''}
    ${callProgressBlock(call)}
    <p class="govuk-body">${call.state === 'open' ? 'Closes' : 'Closed'} on ${date(call.deadline)}.</p>
    <h3 class="govuk-heading-s">Organisations that have pledged</h3>
    ${pledgers.organisations.length
      ? html`<ul class="govuk-list govuk-list--bullet">${pledgers.organisations.map((o) => html`<li><a class="govuk-link" href="/organisations/${o.slug}">${o.name}</a></li>`)}</ul>`
      : html`<p class="govuk-body">None yet.</p>`}
    <div id="call-banner"></div>
    <div id="call-actions"></div>
  </section>`)
  await renderActions(p, call, open)
}

function banner (message) {
  render($('call-banner'), html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="call-banner-title" data-module="govuk-notification-banner">
    <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="call-banner-title">Success</h2></div>
    <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${message}</p></div></div>`)
}

async function renderActions (p, call, open) {
  const box = $('call-actions')
  if (!open) return
  if (memberOf(p.organisation)) {
    render(box, html`<details class="govuk-details">
      <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Cancel this call</span></summary>
      <div class="govuk-details__text">
        <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>Cancelling releases every pledge and tells everyone who followed or pledged. You cannot undo it.</strong></div>
        <button type="button" class="govuk-button govuk-button--warning" data-module="govuk-button" data-call-action="cancel">Cancel the partner call</button>
      </div></details>`)
    box.addEventListener('click', async (e) => {
      if (!e.target.closest('[data-call-action="cancel"]')) return
      await pb.collection('calls').update(call.id, { state: 'cancelled' })
      await loadCall(p)
      banner('The partner call is cancelled')
    })
    return
  }
  if (!me()) {
    render(box, html`<p class="govuk-body"><a class="govuk-link" href="/sign-in?next=${encodeURIComponent(window.location.pathname + '#call')}">Sign in to pledge for your organisation</a></p>`)
    return
  }
  if (!approved()) {
    render(box, html`<p class="govuk-body">You can pledge for your organisation once your membership is approved. <a class="govuk-link" href="/join">Check your membership</a></p>`)
    return
  }
  let mine = null
  try {
    mine = await pb.collection('pledges').getFirstListItem(pb.filter('call = {:c} && organisation = {:o}', { c: call.id, o: me().organisation }), { sort: '-created' })
  } catch (err) {}
  const active = mine && mine.state === 'active'
  render(box, html`<h3 class="govuk-heading-s">${active ? 'Your organisation’s pledge' : 'Pledge for your organisation'}</h3>
    <form id="pledge-form" novalidate>
      <div class="govuk-form-group">
        <label class="govuk-label" for="f-funding">Funding, in pounds</label>
        <div class="govuk-input__wrapper"><div class="govuk-input__prefix" aria-hidden="true">£</div>
          <input class="govuk-input govuk-input--width-10" id="f-funding" name="funding" type="text" inputmode="numeric" spellcheck="false" value="${mine ? mine.funding : ''}"></div>
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label" for="f-days">Days of work</label>
        <input class="govuk-input govuk-input--width-5" id="f-days" name="days" type="text" inputmode="numeric" spellcheck="false" value="${mine ? mine.days : ''}">
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label" for="f-note">Note for the project’s team (only they and your organisation see it)</label>
        <textarea class="govuk-textarea" id="f-note" name="note" rows="3">${mine ? mine.note : ''}</textarea>
      </div>
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">${active ? 'Change the pledge' : 'Pledge'}</button>
        ${active ? html`<button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-call-action="withdraw">Withdraw the pledge</button>` : ''}
      </div>
    </form>`)
  const form = $('pledge-form')
  handleForm(form, {
    validate (d) {
      const errs = {}
      for (const f of ['funding', 'days']) {
        const v = String(d[f] || '').replace(/[£,\s]/g, '')
        if (v && !/^\d+$/.test(v)) errs[f] = f === 'funding' ? 'Enter funding as a whole number of pounds, like 20000' : 'Enter days as a whole number, like 10'
      }
      if (!errs.funding && !errs.days && !Number(String(d.funding).replace(/[£,\s]/g, '')) && !Number(d.days)) {
        errs.funding = 'Enter the funding or the days your organisation commits'
      }
      return errs
    },
    async save (d) {
      const values = { funding: Number(String(d.funding || '0').replace(/[£,\s]/g, '')), days: Number(d.days || 0), note: d.note }
      if (mine) await pb.collection('pledges').update(mine.id, { ...values, state: 'active' })
      else await pb.collection('pledges').create({ call: call.id, ...values })
      await loadCall(p)
      banner('Your organisation’s pledge is saved')
    },
    messages: { funding: { validation_max_number_constraint: 'Funding must be £100,000,000 or less' } }
  })
  box.addEventListener('click', async (e) => {
    if (!e.target.closest('[data-call-action="withdraw"]')) return
    try {
      await pb.collection('pledges').update(mine.id, { state: 'withdrawn' })
      await loadCall(p)
      banner('Your organisation’s pledge is withdrawn')
    } catch (err) {
      showErrors(form, errorsFrom(err))
    }
  })
}
