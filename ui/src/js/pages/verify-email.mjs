// Verify an email address from the link in the verification email
// (/verify-email?token=…), then point to the next step: joining an
// organisation, unless the address's domain has already admitted them.
import { getTokenPayload } from 'pocketbase'

import { me, pb, refreshSession } from '../api.mjs'
import { handleForm } from '../forms.mjs'
import { $, html, render } from '../html.mjs'

const SIGN_IN_TO_RESEND = '/sign-in?next=' + encodeURIComponent('/verify-email')

export default async function verifyEmail () {
  const box = $('verify')
  const token = new URLSearchParams(window.location.search).get('token')
  if (!token) {
    await noToken(box)
    return
  }
  try {
    await pb.collection('users').confirmVerification(token)
  } catch (err) {
    failed(box, err)
    return
  }
  await verified(box, token)
}

function show (box, title, fragment) {
  document.title = `${title} – Pipeline`
  render(box, html`<h1 class="govuk-heading-l">${title}</h1>${fragment}`)
}

async function verified (box, token) {
  let u = me()
  if (u && getTokenPayload(token).id === u.id) {
    u = await refreshSession()
  } else {
    u = null
  }
  if (!u) {
    show(box, 'Your email address is verified', html`
      <p class="govuk-body">Sign in to finish setting up your account. If your organisation has registered the domain of your email address, you are already a member of it. If not, you can ask to join it.</p>
      <a href="/sign-in?next=%2Fjoin" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
        Sign in
      </a>`)
    return
  }
  show(box, 'Your email address is verified', await nextStep(u))
}

/** What a signed-in, verified person does next. */
async function nextStep (u) {
  if (u.membership === 'approved') {
    const name = await organisationName(u.organisation)
    return html`
      ${name ? html`<p class="govuk-body">You are a member of <strong>${name}</strong>.</p>` : ''}
      <a href="/my" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
        Go to My Pipeline
      </a>`
  }
  if (u.membership === 'pending' && u.organisation) {
    const name = await organisationName(u.organisation)
    return html`
      <div class="govuk-inset-text">
        You have asked to join ${name || 'an organisation'}. An organisation admin or a coordinator will decide.
      </div>
      <p class="govuk-body"><a class="govuk-link" href="/my">Go to My Pipeline</a></p>`
  }
  return html`
    <h2 class="govuk-heading-m">Next, ask to join your organisation</h2>
    <p class="govuk-body">Once you are a member, you can publish your organisation’s projects and respond to interest in them.</p>
    <a href="/join" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
      Ask to join your organisation
    </a>`
}

async function organisationName (id) {
  if (!id) return ''
  try {
    const org = await pb.collection('organisations').getOne(id, { fields: 'id,name' })
    return org.name
  } catch (err) {
    return ''
  }
}

function failed (box, err) {
  if (err?.status !== 400 && err?.status !== 404) {
    show(box, 'Sorry, there is a problem', html`
      <p class="govuk-body">${err?.status === 0
        ? 'Pipeline could not be reached. Check your connection, then follow the link in your email again.'
        : 'Your email address could not be verified just now. Follow the link in your email again later.'}</p>`)
    return
  }
  const u = me()
  if (!u) {
    show(box, 'This link has expired or does not work', html`
      <p class="govuk-body">The link may be old, or it may not have been copied in full.</p>
      <p class="govuk-body">Sign in and we will send you a new link.</p>
      <a href="${SIGN_IN_TO_RESEND}" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
        Sign in
      </a>`)
    return
  }
  if (u.verified) {
    show(box, 'This link has expired or does not work', html`
      <p class="govuk-body">Your email address ${u.email} is already verified, so you do not need a new link.</p>
      <p class="govuk-body"><a class="govuk-link" href="/my">Go to My Pipeline</a></p>`)
    return
  }
  show(box, 'This link has expired or does not work', html`
    <p class="govuk-body">The link may be old, or it may not have been copied in full.</p>
    ${resendForm(u)}`)
  wireResend(u)
}

async function noToken (box) {
  const u = me()
  if (!u) {
    show(box, 'Verify your email address', html`
      <p class="govuk-body">Follow the link in the email we sent you when you created your account.</p>
      <p class="govuk-body">If the link has expired, <a class="govuk-link" href="${SIGN_IN_TO_RESEND}">sign in</a> and we will send you a new one.</p>`)
    return
  }
  if (u.verified) {
    show(box, 'Your email address is verified', await nextStep(u))
    return
  }
  show(box, 'Verify your email address', html`
    <p class="govuk-body">We sent a link to <strong>${u.email}</strong> when you created your account. Follow the link in that email to verify your email address.</p>
    <p class="govuk-body">If you cannot find the email, check your spam or junk folder.</p>
    ${resendForm(u)}`)
  wireResend(u)
}

function resendForm (u) {
  return html`<form id="resend-form" method="post">
    <p class="govuk-body">We can send a new link to <strong>${u.email}</strong>. It expires after 24 hours.</p>
    <button type="submit" class="govuk-button" data-module="govuk-button">
      Send a new link
    </button>
  </form>`
}

function wireResend (u) {
  const form = $('resend-form')
  handleForm(form, {
    async save () {
      try {
        await pb.collection('users').requestVerification(u.email)
      } catch (err) {
        if (err?.status === 429) throw formError('You have asked for too many links. Wait a minute, then try again.')
        throw err
      }
      const sent = document.createElement('div')
      render(sent, html`<div class="govuk-inset-text">
        We have sent a new link to <strong>${u.email}</strong>. Follow it within 24 hours.
      </div>`)
      form.replaceWith(...sent.childNodes)
    }
  })
}

/** An error that handleForm shows in the error summary. */
function formError (message) {
  return Object.assign(new Error(message), { response: { message } })
}
