// Posting a status update on a project (/projects/<slug>/update), for
// approved officers of its organisation or of a partner organisation. Only
// the project's own organisation may move it to another phase.
import { approved, me, memberOf, pb, requireSignIn } from '../api.mjs'
import { phaseNames, phases } from '../format.mjs'
import { $, html, render } from '../html.mjs'

export default async function updateForm () {
  const box = $('update-form-page')
  if (!requireSignIn()) return
  const m = window.location.pathname.match(/^\/projects\/([^/]+)\/update\/?$/)
  const slug = m ? decodeURIComponent(m[1]) : ''

  let p
  try {
    if (!slug) throw Object.assign(new Error('No project'), { status: 404 })
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

  const back = '/projects/' + p.slug
  const own = memberOf(p.organisation)
  const partner = approved() && !!me().organisation && (p.partners || []).includes(me().organisation) && p.visibility === 'published'
  if (!own && !partner) {
    setTitle('You cannot post an update on this project')
    render(box, html`<h1 class="govuk-heading-l">You cannot post an update on this project</h1>
      ${approved()
        ? html`<p class="govuk-body">Only officers of ${p.expand?.organisation?.name || 'the project\'s organisation'} and of its partner organisations can post updates on it.</p>`
        : html`<p class="govuk-body">You can post updates once your organisation membership is approved.</p>
          <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`}
      <p class="govuk-body"><a class="govuk-link" href="${back}">Go back to ${p.title}</a></p>`)
    return
  }

  setTitle('Post an update on ' + p.title)
  // forms.mjs keeps the title it finds when loaded, for "Error: …".
  const { handleForm } = await import('../forms.mjs')
  render(box, page(p, own, back))
  handleForm($('update-form'), {
    validate (data) {
      const errors = {}
      if (!data.body) errors.body = 'Enter what has happened'
      else if (data.body.length > 10000) errors.body = 'Your update must be 10,000 characters or fewer'
      if (own && data.phaseTo && !phases.includes(data.phaseTo)) errors.phaseTo = 'Choose a phase, or no change'
      return errors
    },
    async save (data) {
      const values = { project: p.id, body: data.body }
      if (own) values.phaseTo = data.phaseTo || ''
      await pb.collection('updates').create(values)
      window.location.assign(back + '?done=update')
    },
    messages: {
      body: {
        validation_required: 'Enter what has happened',
        validation_max_text_constraint: 'Your update must be 10,000 characters or fewer'
      }
    }
  })
}

function setTitle (title) {
  document.title = `${title} – Pipeline`
}

function page (p, own, back) {
  const others = phases.filter((ph) => ph !== p.phase)
  const item = (id, value, label, checked) => html`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${id}" name="phaseTo" type="radio" value="${value}"${checked ? ' checked' : ''}>
      <label class="govuk-label govuk-radios__label" for="${id}">
        ${label}
      </label>
    </div>`
  return html`<a href="${back}" class="govuk-back-link">Back</a>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Post an update on ${p.title}</h1>
    <p class="govuk-body">Everyone following the project will be told about your update.</p>
    <form id="update-form" novalidate>
      <div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="10000">
        <label class="govuk-label govuk-label--m" for="f-body">
          What has happened?
        </label>
        <div id="f-body-hint" class="govuk-hint">
          Tell followers what has changed, what you have learned, and what you need
        </div>
        <textarea class="govuk-textarea govuk-js-character-count" id="f-body" name="body" rows="8" aria-describedby="f-body-info f-body-hint"></textarea>
        <div id="f-body-info" class="govuk-hint govuk-character-count__message">
          You can enter up to 10000 characters
        </div>
      </div>
      ${own ? html`<div class="govuk-form-group">
        <fieldset class="govuk-fieldset" aria-describedby="f-phaseTo-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
            Has the project moved to another phase?
          </legend>
          <div id="f-phaseTo-hint" class="govuk-hint">
            It is in ${phaseNames[p.phase] || p.phase} now. If you choose a new phase, it starts today.
          </div>
          <div class="govuk-radios" data-module="govuk-radios">
            ${item('f-phaseTo', '', 'No change', true)}
            <div class="govuk-radios__divider">or</div>
            ${others.map((ph) => item('f-phaseTo-' + ph, ph, phaseNames[ph], false))}
          </div>
        </fieldset>
      </div>` : ''}
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Post update
        </button>
        <a class="govuk-link" href="${back}">Cancel</a>
      </div>
    </form>
  </div>
</div>`
}
