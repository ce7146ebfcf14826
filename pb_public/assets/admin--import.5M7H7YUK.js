import{a as g,c}from"./chunk.LBEQU45H.js";import{b as l,c as i,d as s}from"./chunk.UP4GBFVW.js";import{c as u,d as n,e as d,h as p}from"./chunk.2RJMAO74.js";var f={create:"New project",update:"Update",unchanged:"No change",error:"Cannot import"},h={create:"govuk-tag--green",update:"govuk-tag--blue",unchanged:"govuk-tag--grey",error:"govuk-tag--red"};async function k(){if(!p())return;let e=s("import-page"),o=n();if(!d()||!(o.role==="orgAdmin"||o.role==="coordinator")){i(e,l`<p class="govuk-body">Only organisation admins can import projects. Ask your organisation's admin, or a coordinator.</p>`);return}i(e,l`<form id="import-form" novalidate>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--m" for="f-file">Your CSV file</label>
      <div id="f-file-hint" class="govuk-hint">Up to 2,000 projects</div>
      <input class="govuk-file-upload" id="f-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="f-file-hint">
    </div>
    <div class="govuk-button-group">
      <button type="submit" class="govuk-button" data-module="govuk-button" data-dry-run="1">Check the file</button>
    </div>
  </form>
  <div id="import-result" aria-live="polite"></div>`);let r=s("import-form");r.addEventListener("submit",a=>{a.preventDefault(),m(r,!0)}),s("import-result").addEventListener("click",a=>{a.target.closest("[data-import]")&&m(r,!1)})}async function m(e,o){let r=e.elements.file.files[0];if(!r)return c(e,{file:"Choose a CSV file to import"});let a=new FormData;a.append("file",r),o&&a.append("dryRun","1");try{let t=await u.send("/api/pipeline/import",{method:"POST",body:a});_(t)}catch(t){c(e,g(t))}}function _(e){let o=e.summary,r=o.create+o.update,a=s("import-result");i(a,l`<h2 class="govuk-heading-m">${e.dryRun?"What would happen":"What happened"}</h2>
    <ul class="govuk-list">
      <li>${o.create} ${e.dryRun?"new projects to add":"projects added"}</li>
      <li>${o.update} ${e.dryRun?"projects to update":"projects updated"}</li>
      <li>${o.unchanged} unchanged</li>
      <li>${o.error} rows with problems${o.error?e.dryRun?" (left out)":" (not imported: fix them and import the file again)":""}</li>
    </ul>
    ${e.dryRun&&r?l`<button type="button" class="govuk-button" data-module="govuk-button" data-import>Import ${r} ${r===1?"project":"projects"}</button>`:""}
    <div class="app-table-wrapper"><table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s">Every row of the file</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Row</th>
        <th scope="col" class="govuk-table__header">Reference</th>
        <th scope="col" class="govuk-table__header">Outcome</th>
        <th scope="col" class="govuk-table__header">Details</th>
      </tr></thead>
      <tbody class="govuk-table__body">${e.rows.map(t=>l`<tr class="govuk-table__row">
        <td class="govuk-table__cell">${t.row}</td>
        <td class="govuk-table__cell">${t.reference}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag ${h[t.outcome]}">${f[t.outcome]}</strong></td>
        <td class="govuk-table__cell">${t.errors?l`<ul class="govuk-list govuk-error-message">${Object.entries(t.errors).map(([v,b])=>l`<li>${v}: ${b}</li>`)}</ul>`:t.project?l`<a class="govuk-link" href="/projects/${t.project.slug}">${t.project.name}</a>${t.changes?l` (${t.changes.join(", ")})`:""}`:""}</td>
      </tr>`)}</tbody>
    </table></div>`),a.querySelector("h2").setAttribute("tabindex","-1"),a.querySelector("h2").focus()}export{k as default};
