// The server draws the navigation for whoever is signed in; the one static
// page (404) has a navigation this shows and hides. For someone signed in,
// the unread count in the navigation stays current while the page is open.
import { me, pb, refreshSession } from './api.mjs'

export async function showSession () {
  const u = await refreshSession()
  document.querySelectorAll('[data-signed-in]').forEach((el) => { el.hidden = !u })
  document.querySelectorAll('[data-signed-out]').forEach((el) => { el.hidden = !!u })
  document.querySelectorAll('[data-org-admin]').forEach((el) => {
    el.hidden = !(u && u.membership === 'approved' && (u.role === 'orgAdmin' || u.role === 'coordinator'))
  })
  document.querySelectorAll('[data-member]').forEach((el) => { el.hidden = !(u && u.membership === 'approved' && u.organisation) })
  document.querySelectorAll('[data-coordinator]').forEach((el) => { el.hidden = !(u && u.membership === 'approved' && u.role === 'coordinator') })
  if (u) showUnread(u)
  return me()
}

/** Recounts unread notices every minute while the page is in view (the
 *  server's page has the count it was sent with). */
function showUnread (u) {
  const count = async () => {
    try {
      const res = await pb.collection('notifications').getList(1, 1, { filter: pb.filter('user = {:u} && readAt = ""', { u: u.id }), fields: 'id' })
      setUnread(res.totalItems)
    } catch (err) {
      // The count is a courtesy; the inbox itself shows any problem.
    }
  }
  setInterval(() => { if (document.visibilityState === 'visible') count() }, 60000)
}

/** Shows the number of unread notifications in the navigation. */
export function setUnread (n) {
  const badge = document.querySelector('[data-unread]')
  if (!badge) return
  badge.hidden = n <= 0
  badge.textContent = String(n)
  const hidden = document.createElement('span')
  hidden.className = 'govuk-visually-hidden'
  hidden.textContent = ' unread'
  badge.append(hidden)
}
