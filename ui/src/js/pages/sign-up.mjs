// Create an account. Pipeline sends the verification email itself; the
// person is not signed in until they sign in.
import { Button, createAll } from 'govuk-frontend'

import { pb } from '../api.mjs'
import { handleForm } from '../forms.mjs'
import { $, html, render } from '../html.mjs'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export default function signUp () {
  const form = $('sign-up-form')
  form.hidden = false
  handleForm(form, {
    validate (data) {
      const password = form.elements.password.value
      const errors = {}
      if (!data.name) errors.name = 'Enter your full name'
      else if (data.name.length > 200) errors.name = 'Full name must be 200 characters or fewer'
      if (data.jobTitle.length > 150) errors.jobTitle = 'Job title must be 150 characters or fewer'
      if (!data.email) errors.email = 'Enter your email address'
      else if (!EMAIL.test(data.email)) errors.email = 'Enter an email address in the correct format, like name@example.com'
      if (!password) errors.password = 'Enter a password'
      else if (password.length < 8) errors.password = 'Password must be 8 characters or more'
      else if (password.length > 71) errors.password = 'Password must be 71 characters or fewer'
      return errors
    },
    async save (data) {
      const password = form.elements.password.value
      await pb.collection('users').create({
        name: data.name,
        jobTitle: data.jobTitle,
        email: data.email,
        password,
        passwordConfirm: password
      })
      checkYourEmail(data.email)
    },
    messages: {
      email: {
        validation_not_unique: 'An account with this email address already exists. Sign in instead.',
        validation_is_email: 'Enter an email address in the correct format, like name@example.com',
        validation_required: 'Enter your email address'
      },
      name: { validation_required: 'Enter your full name' },
      password: {
        validation_min_text_constraint: 'Password must be 8 characters or more',
        validation_max_text_constraint: 'Password must be 71 characters or fewer',
        validation_required: 'Enter a password'
      }
    }
  })
}

function checkYourEmail (email) {
  const main = $('main-content')
  render(main, html`<div class="govuk-grid-row">
    <div class="govuk-grid-column-two-thirds">
      <h1 class="govuk-heading-l" tabindex="-1">Check your email</h1>
      <p class="govuk-body">We have sent an email to <strong>${email}</strong>.</p>
      <p class="govuk-body">Follow the link in the email to verify your email address. The link expires after 24 hours.</p>
      <p class="govuk-body">If you cannot find the email, check your spam or junk folder. You can also <a class="govuk-link" href="/sign-in?next=%2Fverify-email">sign in and ask for a new link</a>.</p>
      <a href="/sign-in" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
        Sign in
      </a>
    </div>
  </div>`)
  document.title = 'Check your email – Pipeline'
  createAll(Button, undefined, main)
  main.querySelector('h1').focus()
}
