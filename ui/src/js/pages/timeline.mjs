// Adds to the timeline (rendered by the server): puts the "Today" label
// over today's place on the axis, through the CSSOM (which the
// Content-Security-Policy allows, unlike style attributes).
export default function timeline () {
  const label = document.querySelector('.app-timeline-axis__today')
  if (!label) return
  const x = Number(label.dataset.x)
  label.style.left = `${x}%`
  if (x < 12) label.classList.add('app-timeline-axis__today--start')
  else if (x > 88) label.classList.add('app-timeline-axis__today--end')
}
