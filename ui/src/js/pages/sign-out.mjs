// Sign out: forget the session kept in this browser, and show the
// navigation of someone who is not signed in.
import { pb } from '../api.mjs'

export default function signOut () {
  pb.authStore.clear()
  document.querySelectorAll('[data-signed-in], [data-org-admin]').forEach((el) => { el.hidden = true })
  document.querySelectorAll('[data-signed-out]').forEach((el) => { el.hidden = false })
}
