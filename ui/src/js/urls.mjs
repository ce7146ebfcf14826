// Which addresses may become links. Stored addresses come from people, so
// only web addresses (and, where asked, paths on this site) are linked:
// never javascript:, data: or an address that leaves the site while
// looking like a path (//host or /\host, which browsers read as //host).

/** True for an http or https address. */
export function isWebAddress (url) {
  return /^https?:\/\//i.test(url || '')
}

/** The address if it is a web address or a path on this site, else ''. */
export function siteOrWebAddress (url) {
  return /^\/(?![/\\])/.test(url || '') || isWebAddress(url) ? url : ''
}
