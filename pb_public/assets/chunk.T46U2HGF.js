import{g as p}from"./chunk.JNNZNCOC.js";import{b as t}from"./chunk.K2CLG4ZI.js";import{b as s}from"./chunk.UP4GBFVW.js";async function u({project:i,text:a,limit:r=5}){let e=i?{project:i,limit:r}:{text:a,limit:r};return(await t.send("/api/pipeline/similar",{query:e})).items||[]}function c(i){return s`<ul class="govuk-list app-similar">${i.map(a=>s`<li class="app-similar__item">
    <a class="govuk-link" href="/projects/${a.slug}">${a.title}</a>
    <span class="govuk-body-s app-similar__meta">${a.organisation.name} ${p(a.phase)}</span>
  </li>`)}</ul>`}export{u as a,c as b};
