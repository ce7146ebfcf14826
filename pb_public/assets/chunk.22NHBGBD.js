import{g as p}from"./chunk.JNNZNCOC.js";import{b as o}from"./chunk.4EBPNJUS.js";import{b as s}from"./chunk.UP4GBFVW.js";async function c({project:i,title:r,text:a,scope:t,limit:e=5}){let l=i?{project:i,limit:e}:{title:r,text:a,limit:e};return t&&(l.scope=t),(await o.send("/api/pipeline/similar",{query:l})).items||[]}function h(i,{organisation:r=!0}={}){return s`<ul class="govuk-list app-similar">${i.map(a=>s`<li class="app-similar__item">
    <a class="govuk-link" href="/projects/${a.slug}">${a.title}</a>
    <span class="govuk-body-s app-similar__meta">${r?a.organisation.name:""} ${p(a.phase)}${a.visibility==="draft"?s` <strong class="govuk-tag govuk-tag--grey">Draft</strong>`:""}</span>
    ${a.shared&&a.shared.length?s`<span class="govuk-body-s app-similar__why">Shares: ${a.shared.slice(0,3).join(", ")}</span>`:""}
  </li>`)}</ul>`}export{c as a,h as b};
