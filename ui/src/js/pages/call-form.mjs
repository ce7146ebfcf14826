// Open a partner call on a project: "we will build this if 3 councils
// commit £20k or 30 days between them by 31 March". Once open, its goal
// and deadline are locked.
import { memberOf, pb, requireSignIn } from '../api.mjs'
import { handleForm } from '../forms.mjs'
import { $, html, render } from '../html.mjs'

export default async function callForm () {
  if (!requireSignIn()) return
  const box = $('call-form-page')
  const slug = decodeURIComponent(window.location.pathname.split('/')[2] || '')
  let p
  try {
    p = await pb.collection('projects').getFirstListItem(pb.filter('slug = {:s}', { s: slug }))
  } catch (err) {
    render(box, html`<h1 class="govuk-heading-l">Project not found</h1><p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)
    return
  }
  document.title = `Open a partner call for ${p.title} – Pipeline`
  if (!memberOf(p.organisation)) {
    render(box, html`<h1 class="govuk-heading-l">You cannot open a call on this project</h1>
      <p class="govuk-body">Only officers of the project’s own organisation can open a partner call. <a class="govuk-link" href="/projects/${p.slug}">Go back to ${p.title}</a></p>`)
    return
  }
  const min = new Date(Date.now() + 7 * 86400000)
  const max = new Date(Date.now() + 120 * 86400000)
  const fmt = (d) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
  render(box, html`<a href="/projects/${p.slug}" class="govuk-back-link">Back</a>
  <span class="govuk-caption-l">${p.title}</span>
  <h1 class="govuk-heading-l">Open a partner call</h1>
  <p class="govuk-body">Say what you will build if enough councils commit, and by when. Councils pledge funding, days of work or both. If the pledges meet every goal you set by the deadline, the partnership forms and they become the project’s partners. If not, nobody is committed.</p>
  <div class="govuk-inset-text">Once the call is open you cannot change its goal or deadline. You can cancel it.</div>
  <form id="call-form" novalidate>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="f-description">What will you build if the call succeeds?</label>
      <div class="govuk-hint" id="f-description-hint">For example: We will build a shared missed-bin service if 3 councils commit £20,000 or 30 days between them.</div>
      <textarea class="govuk-textarea" id="f-description" name="description" rows="4" aria-describedby="f-description-hint"></textarea>
    </div>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="f-partnersCommit">What does each partner commit to?</label>
      <textarea class="govuk-textarea" id="f-partnersCommit" name="partnersCommit" rows="3"></textarea>
    </div>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="f-partnersGet">What do partners get?</label>
      <textarea class="govuk-textarea" id="f-partnersGet" name="partnersGet" rows="3"></textarea>
    </div>
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" aria-describedby="goal-hint">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">The goal</legend>
        <div class="govuk-hint" id="goal-hint">Set one or more. The call succeeds when every goal you set is met.</div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-goalPartners">Number of partner organisations</label>
          <input class="govuk-input govuk-input--width-3" id="f-goalPartners" name="goalPartners" type="text" inputmode="numeric" spellcheck="false">
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-goalFunding">Funding, in pounds</label>
          <div class="govuk-input__wrapper"><div class="govuk-input__prefix" aria-hidden="true">£</div>
            <input class="govuk-input govuk-input--width-10" id="f-goalFunding" name="goalFunding" type="text" inputmode="numeric" spellcheck="false"></div>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-goalDays">Days of work</label>
          <input class="govuk-input govuk-input--width-5" id="f-goalDays" name="goalDays" type="text" inputmode="numeric" spellcheck="false">
        </div>
      </fieldset>
    </div>
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" role="group" aria-describedby="f-deadline-hint">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Deadline</legend>
        <div class="govuk-hint" id="f-deadline-hint">Between ${fmt(min)} and ${fmt(max)}. The call closes at the end of that day.</div>
        <div class="govuk-date-input">
          <div class="govuk-date-input__item"><div class="govuk-form-group">
            <label class="govuk-label govuk-date-input__label" for="f-deadline">Day</label>
            <input class="govuk-input govuk-date-input__input govuk-input--width-2" id="f-deadline" name="deadline-day" type="text" inputmode="numeric"></div></div>
          <div class="govuk-date-input__item"><div class="govuk-form-group">
            <label class="govuk-label govuk-date-input__label" for="f-deadline-month">Month</label>
            <input class="govuk-input govuk-date-input__input govuk-input--width-2" id="f-deadline-month" name="deadline-month" type="text" inputmode="numeric"></div></div>
          <div class="govuk-date-input__item"><div class="govuk-form-group">
            <label class="govuk-label govuk-date-input__label" for="f-deadline-year">Year</label>
            <input class="govuk-input govuk-date-input__input govuk-input--width-4" id="f-deadline-year" name="deadline-year" type="text" inputmode="numeric"></div></div>
        </div>
      </fieldset>
    </div>
    <div class="govuk-button-group">
      <button type="submit" class="govuk-button" data-module="govuk-button">Open the call</button>
      <a class="govuk-link" href="/projects/${p.slug}">Cancel</a>
    </div>
  </form>`)
  handleForm($('call-form'), {
    validate (d) {
      const errs = {}
      if (!d.description) errs.description = 'Say what you will build if the call succeeds'
      const goals = ['goalPartners', 'goalFunding', 'goalDays']
      for (const g of goals) {
        const v = String(d[g] || '').replace(/[£,\s]/g, '')
        if (v && !/^\d+$/.test(v)) errs[g] = 'Enter a whole number'
      }
      if (!Object.keys(errs).length && !goals.some((g) => Number(String(d[g] || '').replace(/[£,\s]/g, '')) > 0)) {
        errs.goalPartners = 'Set a goal: a number of partners, an amount of funding or a number of days'
      }
      const day = Number(d['deadline-day']); const month = Number(d['deadline-month']); const year = Number(d['deadline-year'])
      const when = new Date(Date.UTC(year, month - 1, day, 23, 59, 0))
      if (!day || !month || !year || when.getUTCDate() !== day || when.getUTCMonth() !== month - 1) {
        errs.deadline = 'Enter a real date for the deadline, like 31 3 2027'
      }
      return errs
    },
    async save (d) {
      const num = (v) => Number(String(v || '0').replace(/[£,\s]/g, '')) || 0
      const when = new Date(Date.UTC(Number(d['deadline-year']), Number(d['deadline-month']) - 1, Number(d['deadline-day']), 23, 59, 0))
      await pb.collection('calls').create({
        project: p.id, description: d.description, partnersCommit: d.partnersCommit, partnersGet: d.partnersGet,
        goalPartners: num(d.goalPartners), goalFunding: num(d.goalFunding), goalDays: num(d.goalDays),
        deadline: when.toISOString().replace('T', ' ')
      })
      window.location.assign(`/projects/${encodeURIComponent(p.slug)}#call`)
    },
    messages: {
      deadline: { pipeline_deadline_range: 'The deadline must be between 7 and 120 days from today' },
      project: { pipeline_call_open: 'This project already has an open call' }
    }
  })
}
