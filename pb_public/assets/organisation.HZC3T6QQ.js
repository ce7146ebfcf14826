import{a as u,b as d,f as h,j as k}from"./chunk.JNNZNCOC.js";import{b as n}from"./chunk.K2CLG4ZI.js";import{b as o,c as l,d as p}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";async function m(){let $=decodeURIComponent(window.location.pathname.split("/")[2]||""),r=p("organisation"),s;try{s=await n.collection("organisations").getFirstListItem(n.filter("slug = {:s}",{s:$}))}catch{document.title="Organisation not found \u2013 Pipeline",l(r,o`<h1 class="govuk-heading-l">Organisation not found</h1>
      <p class="govuk-body">Check the address, or <a class="govuk-link" href="/organisations">browse all organisations</a>.</p>`);return}document.title=`${s.name} \u2013 Pipeline`;let g=await n.collection("projects").getFullList({filter:n.filter("organisation = {:o} || partners.id ?= {:o}",{o:s.id}),sort:"title"}),i=g.filter(a=>a.organisation===s.id),c=g.filter(a=>a.organisation!==s.id);l(r,o`<span class="govuk-caption-l">${[s.region,h[s.nation]].filter(Boolean).filter((a,e,t)=>t.indexOf(a)===e).join(", ")}</span>
    <h1 class="govuk-heading-l">${s.name}</h1>
    ${s.description?o`<p class="govuk-body-l">${s.description}</p>`:""}
    ${s.website?o`<p class="govuk-body"><a class="govuk-link" href="${s.website}" rel="noopener">${s.website}</a></p>`:""}
    <p class="govuk-body">${i.length===1?"1 project":`${i.length} projects`}. <a class="govuk-link" href="/projects?organisation=${s.slug}&amp;dormant=1">See them as a list you can filter</a>.</p>
    <p class="govuk-body-s"><a class="govuk-link" href="/feeds/organisations/${s.slug}.atom">Follow ${s.name}'s projects in a feed reader</a> · <a class="govuk-link" href="/calendar.ics?organisation=${s.slug}">${s.name}'s dates as a calendar</a></p>
    ${u.map(a=>{let e=i.filter(t=>t.phase===a);return e.length?o`<h2 class="govuk-heading-m">${d[a]} <span class="govuk-caption-m">${e.length===1?"1 project":`${e.length} projects`}</span></h2>
        <ul class="govuk-list">${e.map(t=>o`<li class="app-card">
          <h3 class="govuk-heading-s app-card__title"><a class="govuk-link" href="/projects/${t.slug}">${t.title}</a></h3>
          <p class="govuk-body-s">${k(t)} ${t.visibility==="draft"?o`<strong class="govuk-tag govuk-tag--grey">Draft</strong>`:""}</p>
          <p class="govuk-body">${t.summary}</p></li>`)}</ul>`:""})}
    ${i.length?"":o`<p class="govuk-body">${s.name} has not published any projects yet.</p>`}
    ${c.length?o`<h2 class="govuk-heading-m">Partner in</h2><ul class="govuk-list">${c.map(a=>o`<li><a class="govuk-link" href="/projects/${a.slug}">${a.title}</a></li>`)}</ul>`:""}`)}export{m as default};
