// Shows who is signed in, in the navigation, and their unread count.
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
  const current = document.body.dataset.page.split('--')[0]
  const active = document.querySelector(`[data-nav="${current === 'index' ? '' : current}"]`) ||
    document.querySelector(`[data-nav="${{ project: 'projects', 'project-form': 'projects', 'update-form': 'projects', timeline: 'projects', organisation: 'organisations', admin: 'admin' }[current]}"]`)
  if (active) {
    active.classList.add('govuk-service-navigation__item--active')
    active.querySelector('a')?.setAttribute('aria-current', 'page')
  }
  if (u) showUnread(u)
  return me()
}

async function showUnread (u) {
  try {
    const res = await pb.collection('notifications').getList(1, 1, { filter: pb.filter('user = {:u} && readAt = ""', { u: u.id }) })
    setUnread(res.totalItems)
  } catch (err) {
    // The count is a courtesy; the inbox itself shows any problem.
  }
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
