// Builds Pipeline's UI into ../pb_public: Sass with GOV.UK Frontend, one
// ES module bundle split by page, and the HTML pages wrapped in the shared
// layout. Every asset name carries a content hash, so the Go server can
// cache /assets/ for a year. The output is deterministic: CI rebuilds it
// and fails if the committed pb_public differs.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import * as esbuild from 'esbuild'
import * as sass from 'sass'

const here = dirname(fileURLToPath(import.meta.url))
const out = process.env.PIPELINE_UI_OUT || join(here, '..', 'pb_public')
const assets = join(out, 'assets')

const hash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 10)

function emit (name, ext, data) {
  const file = `${name}.${hash(data)}.${ext}`
  writeFileSync(join(assets, file), data)
  return `/assets/${file}`
}

rmSync(out, { recursive: true, force: true })
mkdirSync(assets, { recursive: true })

// Styles
const css = sass.compile(join(here, 'src/styles/app.scss'), {
  loadPaths: [join(here, 'node_modules')],
  style: 'compressed',
  quietDeps: true
}).css
const cssPath = emit('app', 'css', css)

// Scripts: the js-enabled flag (a separate file, so no inline script is
// needed under the Content-Security-Policy) and the app, split by page.
const jsEnabledPath = emit('js-enabled', 'js', readFileSync(join(here, 'src/js/js-enabled.js')))
const result = await esbuild.build({
  entryPoints: { app: join(here, 'src/js/main.mjs') },
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: ['es2020'],
  outdir: assets,
  entryNames: '[name].[hash]',
  chunkNames: '[name].[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning'
})
const appJs = Object.entries(result.metafile.outputs)
  .find(([, o]) => o.entryPoint && o.entryPoint.endsWith('src/js/main.mjs'))[0]
const jsPath = '/assets/' + basename(appJs)

// Static files (favicon)
const statics = {}
for (const f of readdirSync(join(here, 'src/public'))) {
  const [name, ext] = f.split('.')
  statics[f] = emit(name, ext, readFileSync(join(here, 'src/public', f)))
}

// Pages
const layout = readFileSync(join(here, 'src/layout.html'), 'utf8')
for (const f of readdirSync(join(here, 'src/pages')).sort()) {
  const source = readFileSync(join(here, 'src/pages', f), 'utf8')
  const title = (source.match(/^<!-- title: (.+?) -->/) || [])[1]
  if (!title) throw new Error(`${f} has no <!-- title: … --> line`)
  const page = f.replace(/\.html$/, '')
  const script = existsSync(join(here, 'src/js/pages', page + '.mjs')) ? 'yes' : ''
  const html = layout
    .replaceAll('{{script}}', script)
    .replaceAll('{{title}}', title)
    .replaceAll('{{page}}', page)
    .replaceAll('{{css}}', cssPath)
    .replaceAll('{{js}}', jsPath)
    .replaceAll('{{jsEnabled}}', jsEnabledPath)
    .replaceAll('{{favicon}}', statics['favicon.svg'])
    .replace('{{main}}', source.replace(/^<!-- title: .+? -->\n/, '').trim())
  const target = join(out, page.replaceAll('--', '/') + '.html')
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, html)
}
// The same layout for the pages the Go server renders (web/): a Go
// html/template whose pages define "main" and "head" (canonical address,
// Open Graph, JSON-LD). The server never serves files named _*.
const description = /<meta name="description" content="[^"]*">/
if (!description.test(layout)) throw new Error('layout.html has no description meta tag')
// The server draws the navigation for the person signed in (web/templates/
// partials.html), so the layout's own list, which scripts show and hide,
// is left out of it.
const navigation = /<ul class="govuk-service-navigation__list" id="navigation">[\s\S]*?<\/ul>/
if (!navigation.test(layout)) throw new Error('layout.html has no navigation list')
const goLayout = layout
  .replace(description, '<meta name="description" content="{{.Description}}">')
  .replace('</head>', '{{template "head" .}}\n</head>')
  .replaceAll('{{script}}', '{{.Script}}')
  .replaceAll('{{title}}', '{{.Title}}')
  .replaceAll('{{page}}', '{{.Page}}')
  .replaceAll('{{css}}', cssPath)
  .replaceAll('{{js}}', jsPath)
  .replaceAll('{{jsEnabled}}', jsEnabledPath)
  .replaceAll('{{favicon}}', statics['favicon.svg'])
  .replace('{{main}}', '{{template "flash" .}}{{template "main" .}}')
  .replace(navigation, '{{template "nav" .}}')
writeFileSync(join(out, '_layout.html'), goLayout)

console.log(`built ${out}: css ${css.length} bytes, ${Object.keys(result.metafile.outputs).length} script files`)
