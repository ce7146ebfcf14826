// Adds to the new-project form (rendered by the server): as the title and
// summary are typed, your own council's projects that look like the same
// thing, and similar work in other councils. The form works without it.
import { html, render } from '../html.mjs'
import { fetchSimilar, similarList } from '../similar.mjs'

export default function projectForm () {
  const form = document.getElementById('project-form')
  const box = document.getElementById('similar-as-you-type')
  const ownBox = document.getElementById('similar-own')
  if (!form || !box) return
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
  // Shown when the form comes back with what was typed.
  if (form.elements.title.value || form.elements.summary.value) look()
}
