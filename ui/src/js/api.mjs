// The PocketBase client every page uses, on the same origin as the UI.
import PocketBase from 'pocketbase'

export const pb = new PocketBase(window.location.origin)
pb.autoCancellation(false)

// Someone signed in through the pages holds no token: the server keeps it
// in an HttpOnly cookie, and a request that changes anything carries the
// session's CSRF token from the readable pipeline_csrf cookie.
pb.beforeSend = (url, options) => {
  const csrf = sessionCSRF()
  if (csrf && !pb.authStore.isValid) options.headers = { ...options.headers, 'X-CSRF-Token': csrf }
  return { url, options }
}

/** The session's CSRF token, or '' when no session is signed in (a visitor's token has a dot). */
function sessionCSRF () {
  const c = document.cookie.split('; ').find((kv) => kv.startsWith('pipeline_csrf='))
  const v = c ? decodeURIComponent(c.slice('pipeline_csrf='.length)) : ''
  return v && !v.includes('.') ? v : ''
}

let session = null

/** The signed-in officer's record, or null. */
export function me () {
  if (pb.authStore.isValid && pb.authStore.record?.collectionName === 'users') return pb.authStore.record
  return session
}

/** Whether the signed-in person is an approved member of an organisation. */
export function approved () {
  const u = me()
  return !!u && u.membership === 'approved'
}

/** Whether the signed-in person may act for organisation id. */
export function memberOf (id) {
  const u = me()
  return approved() && !!id && u.organisation === id
}

/** Refreshes the signed-in record, so role and membership are current. */
export async function refreshSession () {
  if (pb.authStore.isValid) {
    try {
      await pb.collection('users').authRefresh()
    } catch (err) {
      if (err?.status === 401 || err?.status === 403 || err?.status === 404) pb.authStore.clear()
    }
    return me()
  }
  if (!sessionCSRF()) return null
  try {
    session = await pb.send('/api/pipeline/me', {})
  } catch (err) {
    session = null
  }
  return session
}

/** Sends people who are not signed in to the sign-in page, then back. */
export function requireSignIn () {
  if (me()) return true
  window.location.assign('/sign-in?next=' + encodeURIComponent(window.location.pathname + window.location.search + window.location.hash))
  return false
}
