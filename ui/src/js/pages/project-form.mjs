// Adding a project (/projects/new) and editing one (/projects/<slug>/edit),
// for approved officers of the project's organisation.
import { approved, me, memberOf, pb, requireSignIn } from '../api.mjs'
import { budgetNames, phaseNames, phases, seekingNames } from '../format.mjs'
import { $, html, render } from '../html.mjs'
import { fetchSimilar, similarList } from '../similar.mjs'

const phaseHints = {
  concept: 'An idea that has not started yet',
  discovery: 'Understanding the problem and users',
  alpha: 'Trying out different ways to solve the problem',
  beta: 'Building the service and testing it with real users',
  live: 'Running the service and improving it',
  retired: 'The service has stopped, been replaced or the work has ended'
}

const dateFields = {
  phaseStart: { legend: 'When did this phase start?', name: 'Phase start' },
  phaseEnd: { legend: 'When is this phase planned to end?', name: 'Phase end' },
  nextAssessment: { legend: 'When is the next service assessment?', name: 'Next service assessment' }
}

const visibilityNames = {
  draft: 'Draft: only people in your organisation can see it',
  published: 'Published: everyone can see it'
}

export default async function projectForm () {
  const box = $('project-form-page')
  const path = window.location.pathname.replace(/\/+$/, '')
  const editMatch = path.match(/^\/projects\/([^/]+)\/edit$/)
  const editing = !!editMatch

  if (!requireSignIn()) return
  if (!approved()) {
    setTitle(editing ? 'Edit a project' : 'Add a project')
    render(box, html`<h1 class="govuk-heading-l">${editing ? 'You cannot edit this project yet' : 'You cannot add a project yet'}</h1>
      <p class="govuk-body">You can add and edit your organisation's projects once your organisation membership is approved.</p>
      <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`)
    return
  }

  let p = null
  if (editing) {
    const slug = decodeURIComponent(editMatch[1])
    try {
      p = await pb.collection('projects').getFirstListItem(pb.filter('slug = {:s}', { s: slug }), { expand: 'organisation' })
    } catch (err) {
      if (err?.status === 404) {
        setTitle('Project not found')
        render(box, html`<h1 class="govuk-heading-l">Project not found</h1>
          <p class="govuk-body">If you typed the web address, check it is correct.</p>
          <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)
      } else {
        setTitle('Sorry, there is a problem')
        render(box, html`<h1 class="govuk-heading-l">Sorry, there is a problem</h1>
          <p class="govuk-body">The project could not be loaded. Check your connection and try again later.</p>`)
      }
      return
    }
    if (!memberOf(p.organisation)) {
      setTitle('You cannot edit this project')
      render(box, html`<h1 class="govuk-heading-l">You cannot edit this project</h1>
        <p class="govuk-body">Only officers of ${p.expand?.organisation?.name || 'the project\'s organisation'} can edit it.</p>
        <p class="govuk-body"><a class="govuk-link" href="/projects/${p.slug}">Go back to ${p.title}</a></p>`)
      return
    }
    setTitle('Edit ' + p.title)
  } else {
    setTitle('Add a project')
  }

  // forms.mjs keeps the title it finds when loaded, for "Error: …".
  const { handleForm } = await import('../forms.mjs')
  const back = p ? '/projects/' + p.slug : '/projects'
  render(box, page(p, back))
  const form = $('project-form')
  similarAsYouType(form)
  handleForm(form, {
    validate,
    async save (data) {
      const values = toRecord(data, !!p)
      const saved = p
        ? await pb.collection('projects').update(p.id, values)
        : await pb.collection('projects').create({ ...values, organisation: me().organisation })
      window.location.assign('/projects/' + encodeURIComponent(saved.slug) + '?done=' + (p ? 'saved' : 'created'))
    },
    messages: {
      title: {
        validation_required: 'Enter a title',
        validation_min_text_constraint: 'Project title must be 3 characters or more',
        validation_max_text_constraint: 'Project title must be 200 characters or fewer'
      },
      summary: {
        validation_required: 'Enter a summary',
        validation_max_text_constraint: 'Summary must be 300 characters or fewer'
      },
      description: { validation_max_text_constraint: 'Description must be 20,000 characters or fewer' },
      phase: { validation_required: 'Choose the project\'s phase' },
      phaseEnd: { pipeline_dates_order: 'Phase end must be on or after phase start' },
      contactEmail: { validation_is_email: 'Enter an email address in the correct format, like name@example.gov.uk' },
      outcome: { validation_max_text_constraint: 'Outcome must be 10,000 characters or fewer' }
    }
  })
}

function setTitle (title) {
  document.title = `${title} – Pipeline`
}

// Page -----------------------------------------------------------------------

function page (p, back) {
  const v = p || { phase: '', budgetBand: 'unknown', visibility: 'draft', seeking: [], tags: [], links: [], contactName: me().name || '', contactEmail: me().email || '' }
  return html`<a href="${back}" class="govuk-back-link">Back</a>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${p ? html`<span class="govuk-caption-l">${p.title}</span>
    <h1 class="govuk-heading-l">Edit project</h1>` : html`<h1 class="govuk-heading-l">Add a project</h1>
    <p class="govuk-body">Tell other councils what you are working on, so that they can find it, follow it and work with you. It stays a draft, seen only by your organisation, until you publish it.</p>`}
    <form id="project-form" novalidate>
      ${input('title', 'Project title', v.title, 'For example, Report a missed bin collection')}
      ${characterCount('summary', 'Summary', v.summary, 300, 'One or two sentences: what problem, for whom', 3)}
      ${characterCount('description', 'Description', v.description, 20000,
        'What the problem is, who has it, what you have found out and what you plan to do. Leave a blank line between paragraphs.', 10)}
      ${radios('phase', 'Phase', 'Choose the phase the project is in now', Object.fromEntries(phases.map((ph) => [ph, phaseNames[ph]])), v.phase, phaseHints)}
      ${Object.keys(dateFields).map((f) => dateInput(f, v[f]))}
      ${select('budgetBand', 'Budget', budgetNames, v.budgetBand || 'unknown')}
      ${checkboxes('seeking', 'What are you looking for?', 'Select all that apply', seekingNames, v.seeking || [])}
      ${input('tags', 'Tags', (Array.isArray(v.tags) ? v.tags : []).join(', '), 'Separate tags with commas, for example: waste, bins, missed collections')}
      ${input('contactName', 'Key contact name', v.contactName, 'The person other councils should talk to', 'name')}
      ${input('contactEmail', 'Key contact email address', v.contactEmail, '', 'email', 'email')}
      ${textarea('links', 'Links', (Array.isArray(v.links) ? v.links : []).map((l) => `${l.label} | ${l.url}`).join('\n'),
        'One link on each line, as a label and a web address separated by a vertical bar, for example: Beta service | https://www.example.gov.uk/bins', 4)}
      ${radios('visibility', 'Who can see it?', 'You can change this at any time', visibilityNames, v.visibility || 'draft')}
      ${p ? html`<h2 class="govuk-heading-m" id="outcome">Outcome</h2>
      <p class="govuk-body">When the project goes live or is retired, tell other councils what happened. It is the most useful thing a project leaves behind.</p>
      ${characterCount('outcomeWorked', 'What worked', v.outcomeWorked, 5000, '', 4)}
      ${characterCount('outcomeDidNotWork', 'What did not work', v.outcomeDidNotWork, 5000, '', 4)}
      ${characterCount('outcomeReusable', 'What others can reuse', v.outcomeReusable, 5000, 'Code, designs, research, contracts, data: with links if you can', 4)}
      ${characterCount('outcomeSavings', 'Savings, if known', v.outcomeSavings, 2000, 'For example: 30% fewer phone calls, or £40,000 a year', 2)}
      ${characterCount('outcome', 'Anything else about the outcome', v.outcome, 10000, '', 3)}` : ''}
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">
          ${p ? 'Save changes' : 'Save project'}
        </button>
        <a class="govuk-link" href="${back}">Cancel</a>
      </div>
    </form>
  </div>
  ${p ? '' : html`<div class="govuk-grid-column-one-third">
    <aside class="app-similar-panel" aria-labelledby="similar-heading">
      <h2 class="govuk-heading-m" id="similar-heading">Before you start</h2>
      <p class="govuk-body">As you describe your project, we show councils working on something similar, so that you can talk to them, join them or reuse their work.</p>
      <div id="similar-own" aria-live="polite"></div>
      <div id="similar-as-you-type" aria-live="polite"></div>
    </aside>
  </div>`}
</div>`
}

/**
 * Shows, as the title and summary are typed, your own council's projects
 * that look like the same thing, and similar work in other councils.
 */
function similarAsYouType (form) {
  const box = document.getElementById('similar-as-you-type')
  const ownBox = document.getElementById('similar-own')
  if (!box) return
  let timer
  let last = ''
  const look = async () => {
    const title = form.elements.title.value.trim()
    const text = `${form.elements.summary.value} ${form.elements.tags.value}`.trim()
    const key = title + '\n' + text
    if (key === last || key.length < 4) return
    last = key
    try {
      const [own, others] = await Promise.all([
        fetchSimilar({ title, text, scope: 'own', limit: 3 }).catch(() => []),
        fetchSimilar({ title, text, limit: 5 })
      ])
      if (key !== last) return
      if (ownBox) {
        render(ownBox, own.length
          ? html`<p class="govuk-body govuk-!-font-weight-bold">Your council already has:</p>${similarList(own, { organisation: false })}`
          : '')
      }
      render(box, others.length
        ? html`<p class="govuk-body govuk-!-font-weight-bold">These councils are working on something similar:</p>${similarList(others)}`
        : html`<p class="govuk-body">No similar projects in other councils yet.</p>`)
    } catch (err) {
      // Suggestions are a help, not a step: say nothing if they fail.
    }
  }
  for (const name of ['title', 'summary', 'tags']) {
    form.elements[name].addEventListener('input', () => {
      clearTimeout(timer)
      timer = setTimeout(look, 400)
    })
  }
}

function input (name, label, value, hint, autocomplete = '', type = 'text') {
  const id = 'f-' + name
  return html`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${id}">
    ${label}
  </label>
  ${hint ? html`<div id="${id}-hint" class="govuk-hint">
    ${hint}
  </div>` : ''}
  <input class="govuk-input" id="${id}" name="${name}" type="${type}" value="${value || ''}"${hint ? html` aria-describedby="${id}-hint"` : ''}${autocomplete ? html` autocomplete="${autocomplete}"` : ''}${type === 'email' ? html` spellcheck="false"` : ''}>
</div>`
}

function textarea (name, label, value, hint, rows) {
  const id = 'f-' + name
  return html`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${id}">
    ${label}
  </label>
  <div id="${id}-hint" class="govuk-hint">
    ${hint}
  </div>
  <textarea class="govuk-textarea" id="${id}" name="${name}" rows="${rows}" aria-describedby="${id}-hint">${value || ''}</textarea>
</div>`
}

function characterCount (name, label, value, max, hint, rows) {
  const id = 'f-' + name
  return html`<div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="${max}">
  <label class="govuk-label govuk-label--s" for="${id}">
    ${label}
  </label>
  <div id="${id}-hint" class="govuk-hint">
    ${hint}
  </div>
  <textarea class="govuk-textarea govuk-js-character-count" id="${id}" name="${name}" rows="${rows}" aria-describedby="${id}-info ${id}-hint">${value || ''}</textarea>
  <div id="${id}-info" class="govuk-hint govuk-character-count__message">
    You can enter up to ${max} characters
  </div>
</div>`
}

function radios (name, legend, hint, options, chosen, itemHints = {}) {
  const items = Object.entries(options).map(([value, label], n) => {
    const id = n ? `f-${name}-${value}` : `f-${name}`
    const itemHint = itemHints[value]
    return html`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${id}" name="${name}" type="radio" value="${value}"${value === chosen ? ' checked' : ''}${itemHint ? html` aria-describedby="${id}-item-hint"` : ''}>
      <label class="govuk-label govuk-radios__label" for="${id}">
        ${label}
      </label>
      ${itemHint ? html`<div id="${id}-item-hint" class="govuk-hint govuk-radios__hint">
        ${itemHint}
      </div>` : ''}
    </div>`
  })
  return html`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-${name}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${legend}
    </legend>
    <div id="f-${name}-hint" class="govuk-hint">
      ${hint}
    </div>
    <div class="govuk-radios" data-module="govuk-radios">
      ${items}
    </div>
  </fieldset>
</div>`
}

function checkboxes (name, legend, hint, options, chosen) {
  const items = Object.entries(options).map(([value, label], n) => {
    const id = n ? `f-${name}-${value}` : `f-${name}`
    return html`<div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="${id}" name="${name}" type="checkbox" value="${value}"${chosen.includes(value) ? ' checked' : ''}>
      <label class="govuk-label govuk-checkboxes__label" for="${id}">
        ${label}
      </label>
    </div>`
  })
  return html`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-${name}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${legend}
    </legend>
    <div id="f-${name}-hint" class="govuk-hint">
      ${hint}
    </div>
    <div class="govuk-checkboxes" data-module="govuk-checkboxes">
      ${items}
    </div>
  </fieldset>
</div>`
}

function select (name, label, options, chosen) {
  const id = 'f-' + name
  return html`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${id}">
    ${label}
  </label>
  <select class="govuk-select" id="${id}" name="${name}">
    ${Object.entries(options).map(([value, text]) => html`<option value="${value}"${value === chosen ? ' selected' : ''}>${text}</option>`)}
  </select>
</div>`
}

/** Day, month and year of a PocketBase date ("2027-03-31 00:00:00.000Z"). */
function dateParts (value) {
  const m = (value || '').match(/^(\d{4})-(\d{2})-(\d{2})/)
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { day: '', month: '', year: '' }
}

function dateInput (field, value) {
  const { legend } = dateFields[field]
  const parts = dateParts(value)
  const item = (part, label, width) => {
    // The day input carries the field's own id, so errors link to it.
    const id = part === 'day' ? `f-${field}` : `f-${field}-${part}`
    return html`<div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="${id}">
            ${label}
          </label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-${width}" id="${id}" name="${field}-${part}" type="text" inputmode="numeric" value="${parts[part]}">
        </div>
      </div>`
  }
  return html`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" role="group" aria-describedby="f-${field}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${legend}
    </legend>
    <div id="f-${field}-hint" class="govuk-hint">
      For example, 27 3 2026. Leave blank if you do not know.
    </div>
    <div class="govuk-date-input" id="f-${field}-date">
      ${item('day', 'Day', 2)}
      ${item('month', 'Month', 2)}
      ${item('year', 'Year', 4)}
    </div>
  </fieldset>
</div>`
}

// forms.mjs shows an error on the form group around the field's input,
// which for a date is the day's own group; GOV.UK shows it on the whole
// date, after its hint. This moves it there as soon as it appears.
// Reading the form -----------------------------------------------------------

/** {value, error} for a date field: value is '' or 'YYYY-MM-DD 00:00:00.000Z'. */
function readDate (data, field) {
  const name = dateFields[field].name
  const day = data[`${field}-day`] || ''
  const month = data[`${field}-month`] || ''
  const year = data[`${field}-year`] || ''
  if (!day && !month && !year) return { value: '' }
  const missing = [['day', day], ['month', month], ['year', year]].filter(([, v]) => !v).map(([k]) => k)
  if (missing.length) return { error: `${name} must include a ${missing.join(' and a ')}` }
  if (![day, month, year].every((v) => /^\d+$/.test(v)) || year.length !== 4) return { error: `${name} must be a real date` }
  const d = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (d.getUTCFullYear() !== Number(year) || d.getUTCMonth() !== Number(month) - 1 || d.getUTCDate() !== Number(day)) {
    return { error: `${name} must be a real date` }
  }
  return { value: d.toISOString().slice(0, 10) + ' 00:00:00.000Z' }
}

function validate (data) {
  const errors = {}
  if (!data.title) errors.title = 'Enter a project title'
  else if (data.title.length < 3) errors.title = 'Project title must be 3 characters or more'
  else if (data.title.length > 200) errors.title = 'Project title must be 200 characters or fewer'
  if (!data.summary) errors.summary = 'Enter a summary of the project'
  else if (data.summary.length > 300) errors.summary = 'Summary must be 300 characters or fewer'
  if ((data.description || '').length > 20000) errors.description = 'Description must be 20,000 characters or fewer'
  if (!phases.includes(data.phase)) errors.phase = 'Choose the project\'s phase'
  const dates = {}
  for (const field of Object.keys(dateFields)) {
    const { value, error } = readDate(data, field)
    if (error) errors[field] = error
    else dates[field] = value
  }
  if (dates.phaseStart && dates.phaseEnd && dates.phaseEnd < dates.phaseStart) {
    errors.phaseEnd = 'Phase end must be on or after phase start'
  }
  const tags = parseTags(data.tags)
  const longTag = tags.find((t) => t.length > 40)
  if (tags.length > 20) errors.tags = 'Enter 20 tags or fewer'
  else if (longTag) errors.tags = `Each tag must be 40 characters or fewer: "${longTag}" is longer`
  if (data.contactEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(data.contactEmail)) {
    errors.contactEmail = 'Enter an email address in the correct format, like name@example.gov.uk'
  }
  const badLink = parseLinks(data.links).find((l) => !/^https?:\/\/[^\s/]+/i.test(l.url))
  if (badLink) errors.links = `Enter a web address starting with https:// after the label of each link: check "${badLink.url || badLink.label}"`
  if ((data.outcome || '').length > 10000) errors.outcome = 'Outcome must be 10,000 characters or fewer'
  return errors
}

function parseTags (text) {
  return (text || '').split(',').map((t) => t.trim()).filter(Boolean)
}

/** "Label | https://address" lines as [{label, url}]; a line may be just an address. */
function parseLinks (text) {
  return (text || '').split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const bar = line.lastIndexOf('|')
    if (bar < 0) return { label: '', url: line }
    return { label: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() }
  })
}

/** The record to send: only the API's own fields. */
function toRecord (data, editing) {
  const values = {
    title: data.title,
    summary: data.summary,
    description: data.description || '',
    phase: data.phase,
    budgetBand: data.budgetBand,
    seeking: data.seeking || [],
    tags: parseTags(data.tags),
    contactName: data.contactName || '',
    contactEmail: data.contactEmail || '',
    links: parseLinks(data.links),
    visibility: data.visibility
  }
  for (const field of Object.keys(dateFields)) values[field] = readDate(data, field).value || ''
  if (editing) {
    for (const f of ['outcome', 'outcomeWorked', 'outcomeDidNotWork', 'outcomeReusable', 'outcomeSavings']) values[f] = data[f] || ''
  }
  return values
}
