// My Pipeline: the organisation's projects, interest received and sent,
// notifications and email settings, as GOV.UK tabs. The panels are in the
// page; this fills them, and initAll() then turns them into tabs.

import { approved, me, pb, requireSignIn } from '../api.mjs'
import { date, freshness, interestNames, lastSeen, phaseTag, stateTag } from '../format.mjs'
import { clearErrors, errorsFrom, handleForm, showErrors } from '../forms.mjs'
import { setUnread } from '../session.mjs'
import { $, html, render } from '../html.mjs'
import { clearBanners, onAction, successBanner } from '../actions.mjs'
import { siteOrWebAddress } from '../urls.mjs'

export default async function myPipeline () {
  if (!requireSignIn()) return
  const u = me()
  const org = await organisation(u)
  showMembership(u, org)
  await Promise.all([projects(u), received(u), sent(u), notifications(u), settings(u)])
}

// ---------------------------------------------------------------------------
// Shared helpers

async function organisation (u) {
  if (!u.organisation) return null
  try {
    return await pb.collection('organisations').getOne(u.organisation)
  } catch (err) {
    return null
  }
}

/** Shows a success banner at the top of a tab panel, and moves focus to it. */
function success (panel, message) {
  clearErrors(panel)
  clearBanners()
  const box = panel.querySelector('[data-banner]')
  const id = `${panel.id}-banner-title`
  successBanner(box, id, message)
}

/** Shows an API error from a single button in the error summary. */
function failure (panel, err) {
  clearBanners()
  showErrors(panel, errorsFrom(err))
}

/** A link only to Pipeline itself or a web address. */
function plural (n, one, many) {
  return `${n} ${n === 1 ? one : many}`
}

const smallSecondary = 'govuk-button govuk-button--secondary govuk-!-font-size-16 govuk-!-margin-bottom-1'

// ---------------------------------------------------------------------------
// Membership

function showMembership (u, org) {
  if (approved()) return
  const box = $('membership')
  const name = org?.name
  let text
  if (u.membership === 'declined') {
    text = name
      ? html`Your request to join ${name} was declined. If you think this is a mistake, talk to your organisation's Pipeline admin, or <a class="govuk-link" href="/join">ask to join an organisation</a> again.`
      : html`Your request to join an organisation was declined. You can <a class="govuk-link" href="/join">ask to join an organisation</a> again.`
  } else if (!u.organisation) {
    text = html`You are not a member of an organisation yet. <a class="govuk-link" href="/join">Choose your organisation</a> so that you can add projects and express interest in other councils' work.`
  } else if (!u.verified) {
    text = html`You have asked to join ${name || 'an organisation'}. Confirm your email address first, using the link in the email we sent you; then an admin of ${name || 'the organisation'} or a Pipeline coordinator can approve you. <a class="govuk-link" href="/join">Change your organisation</a>.`
  } else {
    text = html`You have asked to join ${name || 'an organisation'}. An admin of ${name || 'the organisation'} or a Pipeline coordinator needs to approve you before you can add projects or express interest. We will email you when they do. <a class="govuk-link" href="/join">Change your organisation</a>.`
  }
  render(box, html`<div class="govuk-inset-text">
  ${text}
</div>`)
}

// ---------------------------------------------------------------------------
// a) Your organisation's projects

async function projects (u) {
  const panel = $('projects')
  const box = $('projects-list')
  if (!approved() || !u.organisation) {
    render(box, html`<p class="govuk-body">${u.role === 'coordinator' && approved()
      ? 'You are a coordinator and do not belong to an organisation, so you have no projects here.'
      : 'Your organisation\'s projects will be listed here once you are an approved member of it.'}</p>`)
    return
  }
  let list
  try {
    list = await pb.collection('projects').getFullList({
      filter: pb.filter('organisation = {:o}', { o: u.organisation }), sort: '-lastActivityAt'
    })
  } catch (err) {
    render(box, html`<p class="govuk-body">Your organisation's projects could not be loaded. Refresh the page to try again.</p>`)
    return
  }
  const draw = () => {
    if (!list.length) {
      render(box, html`<p class="govuk-body">Your organisation has no projects yet.</p>`)
      return
    }
    const stale = list.filter((p) => p.visibility === 'published' && (p.dormantSince || p.chaseStage > 0)).length
    render(box, html`${stale ? html`<p class="govuk-body">${plural(stale, 'published project needs', 'published projects need')} confirming. Check ${stale === 1 ? 'it is' : 'they are'} still accurate, or update ${stale === 1 ? 'it' : 'them'}.</p>` : ''}
<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">Your organisation's projects, most recently active first</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Project</th>
      <th scope="col" class="govuk-table__header">Phase</th>
      <th scope="col" class="govuk-table__header">Visibility</th>
      <th scope="col" class="govuk-table__header">Freshness</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${list.map((p) => html`<tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="/projects/${p.slug}">${p.title}</a></td>
      <td class="govuk-table__cell">${phaseTag(p.phase)}</td>
      <td class="govuk-table__cell">${p.visibility === 'published' ? 'Published' : 'Draft'}</td>
      <td class="govuk-table__cell">${p.phase === 'retired' && !p.dormantSince ? 'Retired: no need to confirm' : freshness(p)}<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-2 govuk-!-margin-bottom-0">${lastSeen(p)}</span></td>
      <td class="govuk-table__cell">
        ${p.phase !== 'retired' || p.dormantSince
          ? html`<button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="confirm" data-id="${p.id}">
          Confirm still accurate<span class="govuk-visually-hidden">: ${p.title}</span>
        </button>`
          : ''}
        ${p.dormantSince || !p.owner
          ? html`<button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="adopt" data-id="${p.id}">
          Adopt<span class="govuk-visually-hidden"> ${p.title}</span>
        </button>`
          : ''}
      </td>
    </tr>`)}
  </tbody>
</table></div>`)
  }
  draw()
  onAction(box, async (button) => {
    const i = list.findIndex((p) => p.id === button.dataset.id)
    if (i < 0) return
    const action = button.dataset.action
    try {
      const p = await pb.send(`/api/pipeline/projects/${encodeURIComponent(list[i].id)}/${action}`, { method: 'POST' })
      list[i] = { ...list[i], ...p }
      draw()
      success(panel, action === 'adopt'
        ? `You have adopted ${list[i].title}: you are now its owner, and it is confirmed as still accurate`
        : `${list[i].title} is confirmed as still accurate`)
    } catch (err) {
      failure(panel, err)
    }
  })
}

// ---------------------------------------------------------------------------
// b) Interest received

const answers = {
  open: ['acknowledged', 'collaborating', 'declined'],
  acknowledged: ['collaborating', 'declined'],
  collaborating: ['declined']
}
const answerWords = { acknowledged: 'Acknowledge', collaborating: 'Collaborate', declined: 'Decline' }

function who (i) {
  const person = i.expand?.user?.name
  const org = i.expand?.organisation?.name
  return [person, org].filter(Boolean).join(', ') || 'Someone'
}

async function received (u) {
  const panel = $('interest-received')
  const box = $('received-list')
  if (!approved() || !u.organisation) {
    render(box, html`<p class="govuk-body">No interest yet. Interest in your organisation's projects will appear here once you are an approved member of it.</p>`)
    return
  }
  let list
  try {
    list = await pb.collection('interests').getFullList({
      filter: pb.filter('project.organisation = {:o} && kind != "following"', { o: u.organisation }),
      expand: 'project,user,organisation',
      sort: '-created'
    })
  } catch (err) {
    render(box, html`<p class="govuk-body">Interest in your projects could not be loaded. Refresh the page to try again.</p>`)
    return
  }
  const draw = () => {
    if (!list.length) {
      render(box, html`<p class="govuk-body">No interest yet. When officers in other organisations express interest in your projects, it will appear here.</p>`)
      return
    }
    const waiting = list.filter((i) => i.state === 'open').length
    render(box, html`<p class="govuk-body">${waiting ? `${waiting} waiting for a reply.` : 'Nothing is waiting for a reply.'}</p>
<ul class="govuk-list">${list.map((i) => {
      const p = i.expand?.project
      const title = p?.title || 'A project'
      return html`<li class="app-card">
  <h3 class="govuk-heading-s app-card__title">${p ? html`<a class="govuk-link" href="/projects/${p.slug}">${title}</a>` : title}</h3>
  <dl class="govuk-summary-list">
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        From
      </dt>
      <dd class="govuk-summary-list__value">
        ${who(i)}
      </dd>
    </div>
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        Interest
      </dt>
      <dd class="govuk-summary-list__value">
        ${interestNames[i.kind] || i.kind}
      </dd>
    </div>
    ${i.message
      ? html`<div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        Message
      </dt>
      <dd class="govuk-summary-list__value app-pre-wrap">${i.message}</dd>
    </div>`
      : ''}
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        Sent
      </dt>
      <dd class="govuk-summary-list__value">
        ${date(i.created)}
      </dd>
    </div>
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        Status
      </dt>
      <dd class="govuk-summary-list__value">
        ${stateTag(i.state)}
      </dd>
    </div>
  </dl>
  ${answers[i.state]
    ? html`<div class="govuk-button-group">${answers[i.state].map((to) => html`
    <button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="answer" data-id="${i.id}" data-state="${to}">
      ${answerWords[to]}<span class="govuk-visually-hidden"> the interest from ${who(i)} in ${title}</span>
    </button>`)}
  </div>`
    : ''}
</li>`
    })}</ul>`)
  }
  draw()
  onAction(box, async (button) => {
    const n = list.findIndex((i) => i.id === button.dataset.id)
    if (n < 0) return
    const state = button.dataset.state
    try {
      const updated = await pb.collection('interests').update(list[n].id, { state }, { expand: 'project,user,organisation' })
      const before = list[n]
      list[n] = { ...before, ...updated, expand: { ...before.expand, ...updated.expand } }
      draw()
      const title = list[n].expand?.project?.title || 'your project'
      success(panel, {
        acknowledged: `You have acknowledged the interest from ${who(list[n])} in ${title}`,
        collaborating: `You are now collaborating with ${who(list[n])} on ${title}`,
        declined: `You have declined the interest from ${who(list[n])} in ${title}`
      }[state])
    } catch (err) {
      failure(panel, err)
    }
  })
}

// ---------------------------------------------------------------------------
// c) Interest you have sent

async function sent (u) {
  const panel = $('interest-sent')
  const box = $('sent-list')
  let list
  try {
    list = await pb.collection('interests').getFullList({
      filter: pb.filter('user = {:u}', { u: u.id }),
      expand: 'project,project.organisation',
      sort: '-created'
    })
  } catch (err) {
    render(box, html`<p class="govuk-body">The interest you have sent could not be loaded. Refresh the page to try again.</p>`)
    return
  }
  const draw = () => {
    if (!list.length) {
      render(box, html`<p class="govuk-body">You have not followed or expressed interest in any projects yet.</p>`)
      return
    }
    render(box, html`<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">Projects you follow or have expressed interest in, newest first</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Project</th>
      <th scope="col" class="govuk-table__header">Interest</th>
      <th scope="col" class="govuk-table__header">Status</th>
      <th scope="col" class="govuk-table__header">Sent</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${list.map((i) => {
      const p = i.expand?.project
      const title = p?.title || 'A project you can no longer see'
      const following = i.kind === 'following'
      let action = ''
      if (following) {
        action = html`<button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="unfollow" data-id="${i.id}">
          Stop following<span class="govuk-visually-hidden"> ${title}</span>
        </button>`
      } else if (i.state !== 'withdrawn') {
        action = html`<button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="withdraw" data-id="${i.id}">
          Withdraw<span class="govuk-visually-hidden"> your interest in ${title}</span>
        </button>`
      } else {
        action = html`<button type="button" class="${smallSecondary}" data-module="govuk-button" data-action="renew" data-id="${i.id}">
          Renew<span class="govuk-visually-hidden"> your interest in ${title}</span>
        </button>`
      }
      return html`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${p ? html`<a class="govuk-link" href="/projects/${p.slug}">${title}</a>` : title}${p?.expand?.organisation?.name ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${p.expand.organisation.name}</span>` : ''}</td>
      <td class="govuk-table__cell">${interestNames[i.kind] || i.kind}</td>
      <td class="govuk-table__cell">${following ? 'No reply needed' : stateTag(i.state)}</td>
      <td class="govuk-table__cell">${date(i.created)}</td>
      <td class="govuk-table__cell">${action}</td>
    </tr>`
    })}
  </tbody>
</table></div>`)
  }
  draw()
  onAction(box, async (button) => {
    const n = list.findIndex((i) => i.id === button.dataset.id)
    if (n < 0) return
    const title = list[n].expand?.project?.title || 'the project'
    try {
      if (button.dataset.action === 'unfollow') {
        await pb.collection('interests').delete(list[n].id)
        list.splice(n, 1)
        draw()
        success(panel, `You are no longer following ${title}`)
        return
      }
      const state = button.dataset.action === 'withdraw' ? 'withdrawn' : 'open'
      const updated = await pb.collection('interests').update(list[n].id, { state })
      list[n] = { ...list[n], ...updated, expand: list[n].expand }
      draw()
      success(panel, state === 'withdrawn'
        ? `You have withdrawn your interest in ${title}`
        : `You have renewed your interest in ${title}: it is waiting for a reply`)
    } catch (err) {
      failure(panel, err)
    }
  })
}

// ---------------------------------------------------------------------------
// d) Notifications

async function notifications (u) {
  const panel = $('notifications')
  const box = $('notifications-list')
  const unreadFilter = pb.filter('user = {:u} && readAt = ""', { u: u.id })
  let list, unread
  try {
    const [res, count] = await Promise.all([
      pb.collection('notifications').getList(1, 50, { filter: pb.filter('user = {:u}', { u: u.id }), sort: '-created' }),
      pb.collection('notifications').getList(1, 1, { filter: unreadFilter, fields: 'id' })
    ])
    list = res.items
    unread = count.totalItems
  } catch (err) {
    render(box, html`<p class="govuk-body">Your notifications could not be loaded. Refresh the page to try again.</p>`)
    return
  }
  const draw = () => {
    if (!list.length) {
      render(box, html`<p class="govuk-body">No notifications yet. We will tell you here when there is news about your projects or your interest.</p>`)
      return
    }
    render(box, html`<p class="govuk-body">${unread ? `You have ${plural(unread, 'unread notification', 'unread notifications')}.` : 'You have no unread notifications.'}</p>
${unread
  ? html`<button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-action="read-all">
  Mark all as read
</button>`
  : ''}
<ul class="govuk-list">${list.map((n) => {
      const url = siteOrWebAddress(n.url)
      return html`<li class="app-card">
  <h3 class="govuk-heading-s app-card__title">${n.readAt ? '' : html`<strong class="govuk-tag govuk-!-margin-right-1">New</strong> `}${url ? html`<a class="govuk-link" href="${url}" data-read="${n.readAt ? '' : n.id}">${n.title}</a>` : n.title}</h3>
  <p class="govuk-body-s app-card__meta">${date(n.created)}</p>
  ${n.body ? html`<p class="govuk-body app-pre-wrap">${n.body}</p>` : ''}
</li>`
    })}</ul>
${list.length === 50 ? html`<p class="govuk-body">These are your latest 50 notifications.</p>` : ''}`)
  }
  draw()
  // Following a notification's link reads it.
  box.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-read]')
    if (!a || !a.dataset.read) return
    const n = list.find((x) => x.id === a.dataset.read)
    if (!n || n.readAt) return
    n.readAt = now()
    unread = Math.max(0, unread - 1)
    setUnread(unread)
    pb.collection('notifications').update(n.id, { readAt: n.readAt }, { keepalive: true }).catch(() => {})
    // Links to another tab of this page do not leave it.
    if (a.getAttribute('href').startsWith('/my#')) draw()
  })
  onAction(box, async () => {
    try {
      const ids = await pb.collection('notifications').getFullList({ filter: unreadFilter, fields: 'id' })
      const at = now()
      await Promise.all(ids.map((n) => pb.collection('notifications').update(n.id, { readAt: at })))
      list.forEach((n) => { if (!n.readAt) n.readAt = at })
      unread = 0
      draw()
      setUnread(0)
      success(panel, `${plural(ids.length, 'notification is', 'notifications are')} marked as read`)
    } catch (err) {
      failure(panel, err)
    }
  })
}

function now () {
  return new Date().toISOString().replace('T', ' ')
}

// ---------------------------------------------------------------------------
// e) Email settings

async function settings (u) {
  const panel = $('settings')
  const form = $('settings-form')
  const box = $('muted')
  let muted = []
  let user = u
  try {
    user = await pb.collection('users').getOne(u.id, { expand: 'mutedProjects' })
  } catch (err) {
    // The auth record has the same fields, without the titles.
  }
  const check = (value) => {
    const radio = form.querySelector(`input[name="emailFrequency"][value="${CSS.escape(value || '')}"]`)
    if (radio) radio.checked = true
  }
  check(user.emailFrequency)
  const draw = () => {
    const titles = Object.fromEntries((user.expand?.mutedProjects || []).map((p) => [p.id, p.title]))
    muted = user.mutedProjects || []
    if (!muted.length) {
      render(box, html`<h3 class="govuk-heading-s">Muted projects</h3>
<p class="govuk-body">You have not muted any projects. To stop emails about one project, use the “Stop emails about” link at the bottom of any email about it.</p>`)
      return
    }
    render(box, html`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-mutedProjects-hint">
  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
    Muted projects
  </legend>
  <div id="f-mutedProjects-hint" class="govuk-hint">
    You get no emails about these projects. Untick a project to get emails about it again. To mute another project, use the “Stop emails about” link at the bottom of any email about it.
  </div>
  <div class="govuk-checkboxes" data-module="govuk-checkboxes">
    ${muted.map((id, k) => html`<div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="f-mutedProjects${k ? `-${k + 1}` : ''}" name="mutedProjects" type="checkbox" value="${id}" checked>
      <label class="govuk-label govuk-checkboxes__label" for="f-mutedProjects${k ? `-${k + 1}` : ''}">
        ${titles[id] || 'A project you can no longer see'}
      </label>
    </div>`)}
  </div>
</fieldset>
</div>`)
  }
  draw()
  handleForm(form, {
    validate: (data) => {
      clearBanners()
      return data.emailFrequency ? {} : { emailFrequency: 'Choose how often Pipeline should email you' }
    },
    messages: { emailFrequency: { default: 'Choose how often Pipeline should email you' } },
    save: async (data) => {
      const body = { emailFrequency: data.emailFrequency }
      if (muted.length) body.mutedProjects = data.mutedProjects || []
      user = await pb.collection('users').update(u.id, body, { expand: 'mutedProjects' })
      check(user.emailFrequency)
      draw()
      success(panel, 'Your email settings are saved')
    }
  })
}
