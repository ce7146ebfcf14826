// Confirm a change of email address from the link sent to the new address
// (/confirm-email?token=…): the person proves it is them with their password.
import { Button, createAll } from 'govuk-frontend'
import { getTokenPayload } from 'pocketbase'

import { me, pb } from '../api.mjs'
import { handleForm, showErrors } from '../forms.mjs'
import { $, html, render } from '../html.mjs'

export default function confirmEmail () {
  const token = new URLSearchParams(window.location.search).get('token')
  const intro = $('confirm-intro')
  intro.hidden = false
  if (!token) {
    render(intro, html`To change the email address of your account, follow the link in the email we sent to your new address.`)
    return
  }
  const newEmail = getTokenPayload(token).newEmail
  render(intro, newEmail
    ? html`Enter your password to change the email address of your Pipeline account to <strong>${newEmail}</strong>.`
    : html`Enter your password to change the email address of your Pipeline account.`)
  const form = $('confirm-form')
  form.hidden = false
  handleForm(form, {
    validate () {
      return form.elements.password.value ? {} : { password: 'Enter your password' }
    },
    async save () {
      try {
        await pb.collection('users').confirmEmailChange(token, form.elements.password.value)
      } catch (err) {
        if (err?.response?.data?.token) {
          showErrors(form, { token: 'This link has expired or does not work. Sign in and ask to change your email address again.' })
          return
        }
        throw err
      }
      // The SDK forgets the session when it was the account that changed.
      showNavigation()
      const box = $('confirm')
      render(box, html`<h1 class="govuk-heading-l" tabindex="-1">Your email address has been changed</h1>
        <p class="govuk-body">${newEmail ? html`Sign in with your new email address, <strong>${newEmail}</strong>.` : 'Sign in with your new email address.'}</p>
        <a href="/sign-in" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
          Sign in
        </a>`)
      document.title = 'Your email address has been changed – Pipeline'
      createAll(Button, undefined, box)
      box.querySelector('h1').focus()
    },
    messages: {
      password: { validation_invalid_password: 'Enter the correct password for your Pipeline account' }
    }
  })
}

function showNavigation () {
  const u = me()
  document.querySelectorAll('[data-signed-in]').forEach((el) => { el.hidden = !u })
  document.querySelectorAll('[data-signed-out]').forEach((el) => { el.hidden = !!u })
  if (!u) document.querySelectorAll('[data-org-admin]').forEach((el) => { el.hidden = true })
}
