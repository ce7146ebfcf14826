// Helpers for pages whose buttons act at once: success banners and
// buttons that are disabled while their action runs.
import { NotificationBanner } from 'govuk-frontend'
import { html, render } from './html.mjs'

/** Empties every [data-banner] box on the page. */
export function clearBanners () {
  document.querySelectorAll('[data-banner]').forEach((b) => b.replaceChildren())
}

/** Shows a GOV.UK success banner in box (titled by id) and focuses it. */
export function successBanner (box, id, message) {
  render(box, html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="${id}" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="${id}">
      Success
    </h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">
      ${message}
    </p>
  </div>
</div>`)
  new NotificationBanner(box.firstElementChild) // eslint-disable-line no-new
}

/**
 * Calls act(button) when a button with data-action inside container is
 * pressed, disabling it meanwhile.
 */
export function onAction (container, act) {
  container.addEventListener('click', async (e) => {
    const button = e.target.closest('button[data-action]')
    if (!button || !container.contains(button) || button.disabled) return
    button.disabled = true
    button.setAttribute('aria-disabled', 'true')
    try {
      await act(button)
    } finally {
      if (button.isConnected) {
        button.disabled = false
        button.removeAttribute('aria-disabled')
      }
    }
  })
}
