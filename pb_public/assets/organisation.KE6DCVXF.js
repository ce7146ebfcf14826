import{a as f}from"./chunk.UZEJGEPK.js";import{a as d,b as u,f as h,j as c}from"./chunk.JNNZNCOC.js";import{b as r}from"./chunk.K2CLG4ZI.js";import{b as o,c as l,d as g}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";async function k(){let n=decodeURIComponent(window.location.pathname.split("/")[2]||""),t=g("organisation"),s;try{s=await r.collection("organisations").getFirstListItem(r.filter("slug = {:s}",{s:n}))}catch{document.title="Organisation not found \u2013 Pipeline",l(t,o`<h1 class="govuk-heading-l">Organisation not found</h1>
      <p class="govuk-body">Check the address, or <a class="govuk-link" href="/organisations">browse all organisations</a>.</p>`);return}document.title=`${s.name} \u2013 Pipeline`;let a=await r.collection("projects").getFullList({filter:r.filter("organisation = {:o} || partners.id ?= {:o}",{o:s.id}),sort:"title"}),i=a.filter(e=>e.organisation===s.id),p=a.filter(e=>e.organisation!==s.id);l(t,o`<span class="govuk-caption-l">${[s.region,h[s.nation]].filter(Boolean).filter((e,$,m)=>m.indexOf(e)===$).join(", ")}</span>
    <h1 class="govuk-heading-l">${s.name}</h1>
    ${s.description?o`<p class="govuk-body-l">${s.description}</p>`:""}
    ${f(s.website)?o`<p class="govuk-body"><a class="govuk-link" href="${s.website}" rel="noopener">${s.website}</a></p>`:""}
    <p class="govuk-body">${i.length===1?"1 project":`${i.length} projects`}. <a class="govuk-link" href="/projects?organisation=${s.slug}&amp;dormant=1">See them as a list you can filter</a>.</p>
    <p class="govuk-body-s"><a class="govuk-link" href="/feeds/organisations/${s.slug}.atom">Follow ${s.name}'s projects in a feed reader</a> · <a class="govuk-link" href="/calendar.ics?organisation=${s.slug}">${s.name}'s dates as a calendar</a></p>
    ${i.length?_(i):""}
    ${i.length?"":o`<p class="govuk-body">${s.name} has not published any projects yet.</p>`}
    ${p.length?o`<h2 class="govuk-heading-m">Partner in</h2><ul class="govuk-list">${p.map(e=>o`<li><a class="govuk-link" href="/projects/${e.slug}">${e.title}</a></li>`)}</ul>`:""}`)}function b(n){return n===1?"1 project":`${n} projects`}function v(n,t=110){let s=(n||"").trim();if(s.length<=t)return s;let a=s.slice(0,t);return a.slice(0,a.lastIndexOf(" ")>40?a.lastIndexOf(" "):t).replace(/[\s,.;:–-]+$/,"")+"\u2026"}function _(n){return o`<div class="app-board">${d.map(t=>{let s=n.filter(a=>a.phase===t);return o`<section class="app-board__column">
      <h2 class="govuk-heading-s app-board__heading">${u[t]} <span class="app-board__count">${b(s.length)}</span></h2>
      ${s.length?o`<ul class="app-board__list">${s.map(a=>o`<li class="app-board__card">
            <h3 class="app-board__title"><a class="govuk-link" href="/projects/${a.slug}">${a.title}</a></h3>
            ${c(a)||a.visibility==="draft"?o`<p class="app-board__tags">${c(a)} ${a.visibility==="draft"?o`<strong class="govuk-tag govuk-tag--grey">Draft</strong>`:""}</p>`:""}
            <p class="app-board__summary">${v(a.summary)}</p></li>`)}</ul>`:o`<p class="app-board__empty">None</p>`}
    </section>`})}</div>`}export{k as default};
