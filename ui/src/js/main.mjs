// Entry point: start GOV.UK Frontend, show the signed-in state, then run
// the page's own module (src/js/pages/<page>.mjs), when it has one.
import { initAll } from 'govuk-frontend'
import { showSession } from './session.mjs'

async function start () {
  await showSession()
  const { page, script } = document.body.dataset
  if (script) {
    const mod = await import(`./pages/${page}.mjs`)
    await mod.default()
  }
  initAll()
}

start()
