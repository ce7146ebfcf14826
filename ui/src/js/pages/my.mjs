// Adds to My Pipeline (rendered by the server): following a notification's
// link marks it read, and the unread count in the navigation follows.
// Without it, "Mark all as read" does the same.
import { pb } from '../api.mjs'
import { setUnread } from '../session.mjs'

export default function myPipeline () {
  const box = document.getElementById('notifications-list')
  if (!box) return
  box.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-read]')
    if (!a || !a.dataset.read) return
    const id = a.dataset.read
    delete a.dataset.read
    a.closest('li')?.querySelector('.govuk-tag')?.remove()
    const badge = document.querySelector('[data-unread]')
    setUnread(Math.max(0, Number.parseInt(badge?.textContent || '0', 10) - 1))
    pb.collection('notifications').update(id, { readAt: new Date().toISOString().replace('T', ' ') }, { keepalive: true }).catch(() => {})
  })
}
