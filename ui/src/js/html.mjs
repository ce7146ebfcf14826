// A tagged template that escapes every value, so text from the API can
// never become markup. Nest trusted fragments with html`` or raw().
const trusted = Symbol('trusted')

export function raw (s) {
  return { [trusted]: String(s) }
}

function escape (v) {
  if (v === null || v === undefined || v === false) return ''
  if (Array.isArray(v)) return v.map(escape).join('')
  if (typeof v === 'object' && trusted in v) return v[trusted]
  return String(v)
    .replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;').replaceAll("'", '&#39;')
}

export function html (strings, ...values) {
  let out = strings[0]
  values.forEach((v, i) => { out += escape(v) + strings[i + 1] })
  return raw(out)
}

/** Replaces an element's content with a trusted fragment. */
export function render (el, fragment) {
  el.innerHTML = fragment[trusted]
}

/** The element with this id (throws if the page lacks it). */
export function $ (id) {
  const el = document.getElementById(id)
  if (!el) throw new Error('page lacks #' + id)
  return el
}
