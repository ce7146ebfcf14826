// Forms the GOV.UK way: an error summary linking to each field, an inline
// message on each field, and "Error: " in the page title. API validation
// errors are mapped onto fields here, in one place. Nothing typed is lost:
// the form stays as it was.
import { html, render } from './html.mjs'

/** The page's title without any "Error: " prefix. */
function baseTitle () {
  return document.title.replace(/^Error: /, '')
}

/** Field-level messages from a PocketBase error, with a fallback. */
export function errorsFrom (err, messages = {}) {
  const data = err?.response?.data || err?.data?.data || {}
  const out = {}
  for (const [field, e] of Object.entries(data)) {
    out[field] = messages[field]?.[e?.code] || messages[field]?.default || e?.message || 'Check this answer'
  }
  if (Object.keys(out).length === 0) {
    const message = err?.response?.message || err?.message || 'Something went wrong. Try again.'
    out._form = err?.status === 0 ? 'Pipeline could not be reached. Check your connection and try again.' : message
  }
  return out
}

/** Clears every error shown on the page. */
export function clearErrors (form) {
  document.title = baseTitle()
  document.querySelector('.govuk-error-summary')?.remove()
  form.querySelectorAll('.govuk-form-group--error').forEach((g) => g.classList.remove('govuk-form-group--error'))
  form.querySelectorAll('.govuk-error-message[data-app-error]').forEach((m) => m.remove())
  form.querySelectorAll('.govuk-input--error, .govuk-textarea--error, .govuk-select--error').forEach((el) => {
    el.classList.remove('govuk-input--error', 'govuk-textarea--error', 'govuk-select--error')
  })
  form.querySelectorAll('[data-app-described]').forEach((el) => {
    el.setAttribute('aria-describedby', el.dataset.appDescribed)
    if (!el.dataset.appDescribed) el.removeAttribute('aria-describedby')
    delete el.dataset.appDescribed
  })
}

/**
 * Shows errors ({field: message}) on a form whose fields have ids
 * "f-<field>" inside a .govuk-form-group, with a summary above it.
 */
export function showErrors (form, errors) {
  clearErrors(form)
  const items = []
  for (const [field, message] of Object.entries(errors)) {
    const input = form.querySelector(`#f-${CSS.escape(field)}`) || form.querySelector(`[name="${CSS.escape(field)}"]`)
    // A date's three boxes, radios and checkboxes share the form group
    // around their fieldset; a single field has its own.
    const dateInput = input?.closest('.govuk-date-input')
    const group = (dateInput || input)?.closest('.govuk-form-group')
    if (!input || !group) {
      items.push(html`<li>${message}</li>`)
      continue
    }
    items.push(html`<li><a href="#${input.id}">${message}</a></li>`)
    group.classList.add('govuk-form-group--error')
    const msg = document.createElement('p')
    msg.className = 'govuk-error-message'
    msg.id = `${input.id}-error`
    msg.dataset.appError = ''
    msg.innerHTML = '<span class="govuk-visually-hidden">Error:</span> '
    msg.append(document.createTextNode(message))
    const fieldset = group.querySelector(':scope > .govuk-fieldset')
    const anchor = fieldset
      ? (fieldset.querySelector(':scope > .govuk-hint') || fieldset.querySelector(':scope > .govuk-fieldset__legend'))
      : (group.querySelector(':scope > .govuk-hint') || group.querySelector(':scope > .govuk-label') || group.querySelector('.govuk-label'))
    if (anchor) anchor.after(msg)
    else group.prepend(msg)
    if (dateInput) dateInput.querySelectorAll('.govuk-date-input__input').forEach((el) => el.classList.add('govuk-input--error'))
    else if (input.matches('input:not([type=radio]):not([type=checkbox])')) input.classList.add('govuk-input--error')
    if (input.matches('textarea')) input.classList.add('govuk-textarea--error')
    if (input.matches('select')) input.classList.add('govuk-select--error')
    const described = input.getAttribute('aria-describedby') || ''
    input.dataset.appDescribed = described
    input.setAttribute('aria-describedby', `${described} ${msg.id}`.trim())
  }
  const summary = document.createElement('div')
  summary.className = 'govuk-error-summary'
  summary.dataset.module = 'govuk-error-summary'
  render(summary, html`<div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
    <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">${items}</ul></div></div>`)
  const main = document.getElementById('main-content')
  main.prepend(summary)
  document.title = 'Error: ' + baseTitle()
  summary.setAttribute('tabindex', '-1')
  summary.focus()
  summary.querySelectorAll('a').forEach((a) => a.addEventListener('click', (e) => {
    const target = document.getElementById(a.getAttribute('href').slice(1))
    if (target) {
      e.preventDefault()
      target.focus()
      target.scrollIntoView({ block: 'center' })
    }
  }))
}

/** Reads a form into an object; checkboxes with one name become lists. */
export function formData (form) {
  const data = {}
  const fd = new FormData(form)
  for (const [k, v] of fd.entries()) {
    const el = form.querySelector(`[name="${CSS.escape(k)}"]`)
    if (el?.type === 'checkbox') (data[k] ||= []).push(v)
    else data[k] = typeof v === 'string' ? v.trim() : v
  }
  form.querySelectorAll('input[type=checkbox]').forEach((c) => { if (!(c.name in data)) data[c.name] = [] })
  return data
}

/**
 * Wires a form: on submit, validate(data) may return errors; otherwise
 * save(data) runs and errors from the API are shown on their fields.
 */
export function handleForm (form, { validate = () => ({}), save, messages = {} }) {
  form.setAttribute('novalidate', '')
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const data = formData(form)
    const local = validate(data)
    if (Object.keys(local).length) return showErrors(form, local)
    const button = form.querySelector('button[type=submit], button:not([type])')
    button?.setAttribute('disabled', '')
    button?.setAttribute('aria-disabled', 'true')
    try {
      await save(data)
    } catch (err) {
      showErrors(form, errorsFrom(err, messages))
    } finally {
      button?.removeAttribute('disabled')
      button?.removeAttribute('aria-disabled')
    }
  })
}
