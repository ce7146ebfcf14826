import{a as u,b as h,f as d,j as k}from"./chunk.JNNZNCOC.js";import{b as n}from"./chunk.K2CLG4ZI.js";import{b as t,c as l,d as p}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";async function $(){let m=decodeURIComponent(window.location.pathname.split("/")[2]||""),r=p("organisation"),s;try{s=await n.collection("organisations").getFirstListItem(n.filter("slug = {:s}",{s:m}))}catch{document.title="Organisation not found \u2013 Pipeline",l(r,t`<h1 class="govuk-heading-l">Organisation not found</h1>
      <p class="govuk-body">Check the address, or <a class="govuk-link" href="/organisations">browse all organisations</a>.</p>`);return}document.title=`${s.name} \u2013 Pipeline`;let g=await n.collection("projects").getFullList({filter:n.filter("organisation = {:o} || partners.id ?= {:o}",{o:s.id}),sort:"title"}),i=g.filter(o=>o.organisation===s.id),c=g.filter(o=>o.organisation!==s.id);l(r,t`<span class="govuk-caption-l">${[s.region,d[s.nation]].filter(Boolean).filter((o,e,a)=>a.indexOf(o)===e).join(", ")}</span>
    <h1 class="govuk-heading-l">${s.name}</h1>
    ${s.description?t`<p class="govuk-body-l">${s.description}</p>`:""}
    ${s.website?t`<p class="govuk-body"><a class="govuk-link" href="${s.website}" rel="noopener">${s.website}</a></p>`:""}
    <p class="govuk-body">${i.length===1?"1 project":`${i.length} projects`}. <a class="govuk-link" href="/projects?organisation=${s.slug}&amp;dormant=1">See them as a list you can filter</a>.</p>
    ${u.map(o=>{let e=i.filter(a=>a.phase===o);return e.length?t`<h2 class="govuk-heading-m">${h[o]} <span class="govuk-caption-m">${e.length===1?"1 project":`${e.length} projects`}</span></h2>
        <ul class="govuk-list">${e.map(a=>t`<li class="app-card">
          <h3 class="govuk-heading-s app-card__title"><a class="govuk-link" href="/projects/${a.slug}">${a.title}</a></h3>
          <p class="govuk-body-s">${k(a)} ${a.visibility==="draft"?t`<strong class="govuk-tag govuk-tag--grey">Draft</strong>`:""}</p>
          <p class="govuk-body">${a.summary}</p></li>`)}</ul>`:""})}
    ${i.length?"":t`<p class="govuk-body">${s.name} has not published any projects yet.</p>`}
    ${c.length?t`<h2 class="govuk-heading-m">Partner in</h2><ul class="govuk-list">${c.map(o=>t`<li><a class="govuk-link" href="/projects/${o.slug}">${o.title}</a></li>`)}</ul>`:""}`)}export{$ as default};
