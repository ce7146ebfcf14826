// Sign in with email and password, then go back to where the person was.
import { pb } from '../api.mjs'
import { handleForm } from '../forms.mjs'
import { $ } from '../html.mjs'

/** The ?next= address when it stays on this site, else "/my". */
export function nextAddress (search = window.location.search) {
  const next = new URLSearchParams(search).get('next') || ''
  // "//host" and "/\host" both leave the site in a browser.
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/my'
  try {
    const url = new URL(next, window.location.origin)
    if (url.origin !== window.location.origin) return '/my'
    return url.pathname + url.search + url.hash
  } catch (err) {
    return '/my'
  }
}

export default function signIn () {
  const form = $('sign-in-form')
  form.hidden = false
  handleForm(form, {
    validate (data) {
      const errors = {}
      if (!data.email) errors.email = 'Enter your email address'
      if (!form.elements.password.value) errors.password = 'Enter your password'
      return errors
    },
    async save (data) {
      try {
        await pb.collection('users').authWithPassword(data.email, form.elements.password.value)
      } catch (err) {
        if (err?.status === 400) throw fieldError('email', 'Enter a correct email address and password')
        if (err?.status === 429) throw formError('You have tried to sign in too many times. Wait a minute, then try again.')
        throw err
      }
      window.location.assign(nextAddress())
    }
  })
}

/** An error that handleForm shows on one field. */
function fieldError (field, message) {
  return Object.assign(new Error(message), { response: { data: { [field]: { code: 'pipeline_sign_in', message } } } })
}

/** An error that handleForm shows in the error summary. */
function formError (message) {
  return Object.assign(new Error(message), { response: { message } })
}
