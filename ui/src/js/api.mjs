// The PocketBase client every page uses, on the same origin as the UI.
import PocketBase from 'pocketbase'

export const pb = new PocketBase(window.location.origin)
pb.autoCancellation(false)

/** The signed-in officer's record, or null. */
export function me () {
  return pb.authStore.isValid && pb.authStore.record?.collectionName === 'users' ? pb.authStore.record : null
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
  if (!me()) return null
  try {
    await pb.collection('users').authRefresh()
  } catch (err) {
    if (err?.status === 401 || err?.status === 403 || err?.status === 404) pb.authStore.clear()
  }
  return me()
}

/** Sends people who are not signed in to the sign-in page, then back. */
export function requireSignIn () {
  if (me()) return true
  window.location.assign('/sign-in?next=' + encodeURIComponent(window.location.pathname + window.location.search + window.location.hash))
  return false
}
