// Import projects from a CSV: check first (a dry run showing every row's
// outcome and field errors), then import.
import { approved, me, pb, requireSignIn } from '../api.mjs'
import { errorsFrom, showErrors } from '../forms.mjs'
import { $, html, render } from '../html.mjs'

const outcomeWords = { create: 'New project', update: 'Update', unchanged: 'No change', error: 'Cannot import' }
const outcomeTags = { create: 'govuk-tag--green', update: 'govuk-tag--blue', unchanged: 'govuk-tag--grey', error: 'govuk-tag--red' }

export default async function importPage () {
  if (!requireSignIn()) return
  const box = $('import-page')
  const u = me()
  if (!approved() || !(u.role === 'orgAdmin' || u.role === 'coordinator')) {
    render(box, html`<p class="govuk-body">Only organisation admins can import projects. Ask your organisation's admin, or a coordinator.</p>`)
    return
  }
  render(box, html`<form id="import-form" novalidate>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--m" for="f-file">Your CSV file</label>
      <div id="f-file-hint" class="govuk-hint">Up to 2,000 projects</div>
      <input class="govuk-file-upload" id="f-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="f-file-hint">
    </div>
    <div class="govuk-button-group">
      <button type="submit" class="govuk-button" data-module="govuk-button" data-dry-run="1">Check the file</button>
    </div>
  </form>
  <div id="import-result" aria-live="polite"></div>`)
  const form = $('import-form')
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    send(form, true)
  })
  $('import-result').addEventListener('click', (e) => {
    if (e.target.closest('[data-import]')) send(form, false)
  })
}

async function send (form, dryRun) {
  const file = form.elements.file.files[0]
  if (!file) return showErrors(form, { file: 'Choose a CSV file to import' })
  const body = new FormData()
  body.append('file', file)
  if (dryRun) body.append('dryRun', '1')
  try {
    const res = await pb.send('/api/pipeline/import', { method: 'POST', body })
    showResult(res)
  } catch (err) {
    showErrors(form, errorsFrom(err))
  }
}

function showResult (res) {
  const s = res.summary
  const applicable = s.create + s.update
  const box = $('import-result')
  render(box, html`<h2 class="govuk-heading-m">${res.dryRun ? 'What would happen' : 'What happened'}</h2>
    <ul class="govuk-list">
      <li>${s.create} ${res.dryRun ? 'new projects to add' : 'projects added'}</li>
      <li>${s.update} ${res.dryRun ? 'projects to update' : 'projects updated'}</li>
      <li>${s.unchanged} unchanged</li>
      <li>${s.error} rows with problems${s.error ? (res.dryRun ? ' (left out)' : ' (not imported: fix them and import the file again)') : ''}</li>
    </ul>
    ${res.dryRun && applicable ? html`<button type="button" class="govuk-button" data-module="govuk-button" data-import>Import ${applicable} ${applicable === 1 ? 'project' : 'projects'}</button>` : ''}
    <div class="app-table-wrapper"><table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s">Every row of the file</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Row</th>
        <th scope="col" class="govuk-table__header">Reference</th>
        <th scope="col" class="govuk-table__header">Outcome</th>
        <th scope="col" class="govuk-table__header">Details</th>
      </tr></thead>
      <tbody class="govuk-table__body">${res.rows.map((r) => html`<tr class="govuk-table__row">
        <td class="govuk-table__cell">${r.row}</td>
        <td class="govuk-table__cell">${r.reference}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag ${outcomeTags[r.outcome]}">${outcomeWords[r.outcome]}</strong></td>
        <td class="govuk-table__cell">${r.errors
          ? html`<ul class="govuk-list govuk-error-message">${Object.entries(r.errors).map(([f, m]) => html`<li>${f}: ${m}</li>`)}</ul>`
          : r.project ? html`<a class="govuk-link" href="/projects/${r.project.slug}">${r.project.name}</a>${r.changes ? html` (${r.changes.join(', ')})` : ''}` : ''}</td>
      </tr>`)}</tbody>
    </table></div>`)
  box.querySelector('h2').setAttribute('tabindex', '-1')
  box.querySelector('h2').focus()
}
