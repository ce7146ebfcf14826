// Reset a forgotten password: ask for a link by email, then (from the
// link, /reset-password?token=…) choose a new password.
import { Button, createAll } from 'govuk-frontend'

import { me, pb, refreshSession } from '../api.mjs'
import { handleForm, showErrors } from '../forms.mjs'
import { $, html, render } from '../html.mjs'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export default function resetPassword () {
  const token = new URLSearchParams(window.location.search).get('token')
  if (token) changePassword(token)
  else requestLink()
}

function requestLink () {
  const form = $('request-form')
  form.hidden = false
  handleForm(form, {
    validate (data) {
      if (!data.email) return { email: 'Enter your email address' }
      if (!EMAIL.test(data.email)) return { email: 'Enter an email address in the correct format, like name@example.com' }
      return {}
    },
    async save (data) {
      try {
        await pb.collection('users').requestPasswordReset(data.email)
      } catch (err) {
        if (err?.status === 429) throw formError('You have asked for too many links. Wait a minute, then try again.')
        throw err
      }
      done('Check your email', html`
        <p class="govuk-body">If an account exists for <strong>${data.email}</strong>, we have sent a link to reset the password.</p>
        <p class="govuk-body">The link expires after 30 minutes. If you cannot find the email, check your spam or junk folder.</p>
        <p class="govuk-body"><a class="govuk-link" href="/reset-password">Send the link again</a> or <a class="govuk-link" href="/sign-in">go back to sign in</a>.</p>`)
    },
    messages: {
      email: { validation_is_email: 'Enter an email address in the correct format, like name@example.com' }
    }
  })
}

function changePassword (token) {
  $('reset-heading').textContent = 'Choose a new password'
  const form = $('change-form')
  form.hidden = false
  handleForm(form, {
    validate () {
      const password = form.elements.password.value
      const confirm = form.elements.passwordConfirm.value
      const errors = {}
      if (!password) errors.password = 'Enter a new password'
      else if (password.length < 8) errors.password = 'Password must be 8 characters or more'
      else if (password.length > 71) errors.password = 'Password must be 71 characters or fewer'
      if (!confirm) errors.passwordConfirm = 'Confirm your new password'
      else if (password && confirm !== password) errors.passwordConfirm = 'The passwords do not match'
      return errors
    },
    async save () {
      const password = form.elements.password.value
      try {
        await pb.collection('users').confirmPasswordReset(token, password, form.elements.passwordConfirm.value)
      } catch (err) {
        if (err?.response?.data?.token) {
          showErrors(form, { token: 'The link to reset your password has expired or does not work.' })
          render(document.querySelector('.govuk-error-summary__list li'), html`The link to reset your password has expired or does not work. <a href="/reset-password">Ask for a new link</a>`)
          return
        }
        throw err
      }
      // A new password ends the sessions signed in with the old one.
      if (me()) {
        await refreshSession()
        showNavigation()
      }
      done('Your password has been changed', html`
        <p class="govuk-body">You can now sign in with your new password.</p>
        <a href="/sign-in" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
          Sign in
        </a>`)
    },
    messages: {
      password: {
        validation_min_text_constraint: 'Password must be 8 characters or more',
        validation_length_too_short: 'Password must be 8 characters or more'
      },
      passwordConfirm: { validation_values_mismatch: 'The passwords do not match' }
    }
  })
}

function done (title, fragment) {
  const box = $('reset')
  document.querySelector('.govuk-error-summary')?.remove()
  render(box, html`<h1 class="govuk-heading-l" tabindex="-1">${title}</h1>${fragment}`)
  document.title = `${title} – Pipeline`
  createAll(Button, undefined, box)
  box.querySelector('h1').focus()
}

function showNavigation () {
  const u = me()
  document.querySelectorAll('[data-signed-in]').forEach((el) => { el.hidden = !u })
  document.querySelectorAll('[data-signed-out]').forEach((el) => { el.hidden = !!u })
  if (!u) document.querySelectorAll('[data-org-admin]').forEach((el) => { el.hidden = true })
}

/** An error that handleForm shows in the error summary. */
function formError (message) {
  return Object.assign(new Error(message), { response: { message } })
}
