import{b as A}from"./chunk.VAEIOEPD.js";import{a as D,b as E,c as S,d as y}from"./chunk.LBEQU45H.js";import{g as j}from"./chunk.GIJRUEDT.js";import{b as r,c,d as l}from"./chunk.UP4GBFVW.js";import{c as u,d as x,e as _,h as N}from"./chunk.2RJMAO74.js";function h(){document.querySelectorAll("[data-banner]").forEach(e=>e.replaceChildren())}function q(e,s,d){c(e,r`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="${s}" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="${s}">
      Success
    </h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">
      ${d}
    </p>
  </div>
</div>`),new A(e.firstElementChild)}function $(e,s){e.addEventListener("click",async d=>{let o=d.target.closest("button[data-action]");if(!(!o||!e.contains(o)||o.disabled)){o.disabled=!0,o.setAttribute("aria-disabled","true");try{await s(o)}finally{o.isConnected&&(o.disabled=!1,o.removeAttribute("aria-disabled"))}}})}var O={officer:"Officer",orgAdmin:"Organisation admin",coordinator:"Coordinator"};async function R(){if(!N())return;let e=x(),s=_()&&e.role==="coordinator",d=_()&&e.role==="orgAdmin"&&!!e.organisation;if(l("admin-loading").remove(),!s&&!d){l("not-allowed").hidden=!1;return}l("admin").hidden=!1;let o=!!e.organisation;l("members-section").hidden=!o,l("org-section").hidden=!o;let i=null;if(o)try{i=await u.collection("organisations").getOne(e.organisation),l("org-caption").textContent=i.name}catch{}let n={u:e,coordinator:s,org:i};await Promise.all([T(n),o?L(n):null,o?z(n):null])}function k(e){E(l("admin")),h();let s=document.querySelector("[data-banner]");q(s,"admin-banner-title",e)}function C(e,s){h(),S(e,D(s))}var w="govuk-button govuk-button--secondary govuk-!-font-size-16 govuk-!-margin-bottom-1",g=null,f=()=>{};async function T({u:e,coordinator:s}){let d=l("requests"),o=s?'membership = "pending" && organisation != ""':u.filter('membership = "pending" && organisation = {:o}',{o:e.organisation}),i;try{i=await u.collection("users").getFullList({filter:o,expand:"organisation",sort:"created"})}catch{c(d,r`<p class="govuk-body">The requests to join could not be loaded. Refresh the page to try again.</p>`);return}let n=()=>{if(!i.length){c(d,r`<p class="govuk-body">No one is waiting to join${s?" any organisation":" your organisation"}.</p>`);return}c(d,r`<p class="govuk-body">${i.length===1?"1 person is":`${i.length} people are`} waiting for an answer. Approve only people you know work for ${s?"the organisation they chose":"your organisation"}.</p>
<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">People asking to join, oldest request first</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Name</th>
      <th scope="col" class="govuk-table__header">Email address</th>
      ${s?r`<th scope="col" class="govuk-table__header">Organisation</th>`:""}
      <th scope="col" class="govuk-table__header">Asked</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${i.map(a=>r`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${a.name}${a.jobTitle?r`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${a.jobTitle}</span>`:""}</td>
      <td class="govuk-table__cell">${a.email||"Hidden"}${a.verified?"":r`<span class="govuk-!-display-block govuk-!-margin-top-1"><strong class="govuk-tag govuk-tag--grey">Not verified yet</strong></span>`}</td>
      ${s?r`<td class="govuk-table__cell">${a.expand?.organisation?.name||""}</td>`:""}
      <td class="govuk-table__cell">${j(a.created)}</td>
      <td class="govuk-table__cell">
        <button type="button" class="${w}" data-module="govuk-button" data-action="approved" data-id="${a.id}">
          Approve<span class="govuk-visually-hidden"> ${a.name}</span>
        </button>
        <button type="button" class="${w}" data-module="govuk-button" data-action="declined" data-id="${a.id}">
          Decline<span class="govuk-visually-hidden"> ${a.name}</span>
        </button>
      </td>
    </tr>`)}
  </tbody>
</table></div>`)};n(),$(d,async a=>{let t=i.findIndex(p=>p.id===a.dataset.id);if(t<0)return;let m=a.dataset.action,b=i[t],v=b.expand?.organisation?.name||"your organisation";try{let p=await u.collection("users").update(b.id,{membership:m});i.splice(t,1),n(),m==="approved"&&g&&p.organisation===e.organisation&&(g.push({...b,...p}),g.sort((F,B)=>(F.name||"").localeCompare(B.name||"")),f()),k(m==="approved"?`${b.name} is now a member of ${v}`:`You have declined ${b.name}'s request to join ${v}`)}catch(p){C(d,p)}})}async function L({u:e,coordinator:s,org:d}){let o=l("members");try{g=await u.collection("users").getFullList({filter:u.filter('membership = "approved" && organisation = {:o}',{o:e.organisation}),sort:"name"})}catch{c(o,r`<p class="govuk-body">The members could not be loaded. Refresh the page to try again.</p>`);return}let i=d?.name||"your organisation",n=null,a=t=>t.id!==e.id&&(t.role==="officer"||s&&t.role==="orgAdmin");f=()=>{if(!g.length){c(o,r`<p class="govuk-body">${i} has no members yet.</p>`);return}c(o,r`<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">Members of ${i}</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Name</th>
      <th scope="col" class="govuk-table__header">Job title</th>
      <th scope="col" class="govuk-table__header">Email address</th>
      <th scope="col" class="govuk-table__header">Role</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${g.map(t=>r`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${t.name}${t.id===e.id?" (you)":""}</td>
      <td class="govuk-table__cell">${t.jobTitle}</td>
      <td class="govuk-table__cell">${t.email}</td>
      <td class="govuk-table__cell">${O[t.role]||t.role}</td>
      <td class="govuk-table__cell">${a(t)&&n!==t.id?r`<button type="button" class="${w}" data-module="govuk-button" data-action="remove" data-id="${t.id}">
          Remove<span class="govuk-visually-hidden"> ${t.name}</span>
        </button>`:""}</td>
    </tr>
    ${n===t.id?r`<tr class="govuk-table__row">
      <td class="govuk-table__cell" colspan="5">
        <div class="govuk-warning-text" id="confirm-remove" tabindex="-1">
          <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            ${t.name} will no longer be a member of ${i}: they will not be able to edit its projects or answer interest in them. Their projects stay with ${i}, and anyone in it can adopt them.
          </strong>
        </div>
        <div class="govuk-button-group">
          <button type="button" class="govuk-button govuk-button--warning" data-module="govuk-button" data-action="remove-confirm" data-id="${t.id}">
            Remove ${t.name}
          </button>
          <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-action="remove-cancel" data-id="${t.id}">
            Cancel<span class="govuk-visually-hidden"> removing ${t.name}</span>
          </button>
        </div>
      </td>
    </tr>`:""}`)}
  </tbody>
</table></div>`)},f(),$(o,async t=>{let m=t.dataset.id,b=g.find(v=>v.id===m);if(b){if(t.dataset.action==="remove"){h(),n=m,f(),l("confirm-remove").focus();return}if(t.dataset.action==="remove-cancel"){n=null,f(),o.querySelector(`button[data-action="remove"][data-id="${CSS.escape(m)}"]`)?.focus();return}try{await u.collection("users").update(m,{membership:"declined"}),n=null,g=g.filter(v=>v.id!==m),f(),k(`${b.name} is no longer a member of ${i}`)}catch(v){C(o,v)}}})}async function z({org:e}){let s=l("domains-form"),d=l("profile-form");if(!e){c(l("org-name"),r`Your organisation's details could not be loaded. Refresh the page to try again.`),s.hidden=!0,d.hidden=!0;return}let o=()=>{l("f-emailDomains").value=(Array.isArray(e.emailDomains)?e.emailDomains:[]).join(`
`),l("f-shortName").value=e.shortName||"",l("f-website").value=e.website||"",l("f-description").value=e.description||"",c(l("org-name"),r`Name: ${e.name}. Ask a coordinator if it needs to change. <a class="govuk-link" href="/organisations/${e.slug}">See your organisation's public page</a>.`)};o();let i=n=>(n||"").split(/[\n,;]+/).map(a=>a.trim()).filter(Boolean);y(s,{validate:n=>{h();let a=i(n.emailDomains).find(t=>!/^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(t));return a?{emailDomains:`${a} is not an email domain. Enter domains like leeds.gov.uk, one on each line, without anything before the @`}:{}},save:async n=>{let a=i(n.emailDomains);e=await u.collection("organisations").update(e.id,{emailDomains:a}),o(),k(e.emailDomains?.length?`${e.name}'s email domains are saved: ${e.emailDomains.join(", ")}`:`${e.name} has no email domains now: everyone who asks to join needs approving`)}}),y(d,{validate:n=>{h();let a={};return n.website&&!/^https?:\/\/[^\s.]+\.[^\s]+$/i.test(n.website)&&!/^[^\s.]+\.[^\s]+$/.test(n.website)&&(a.website="Enter a web address, like https://www.leeds.gov.uk"),(n.description||"").length>2e3&&(a.description="About your organisation must be 2,000 characters or fewer"),(n.shortName||"").length>100&&(a.shortName="Short name must be 100 characters or fewer"),a},messages:{website:{default:"Enter a web address, like https://www.leeds.gov.uk"}},save:async n=>{let a=n.website||"";a&&!/^https?:\/\//i.test(a)&&(a="https://"+a),e=await u.collection("organisations").update(e.id,{shortName:n.shortName||"",website:a,description:n.description||""}),o(),k(`${e.name}'s profile is saved`)}})}export{R as default};
