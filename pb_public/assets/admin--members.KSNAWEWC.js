import{c as w}from"./chunk.E66GC2FU.js";import{a as x,b as j,c as D,e as y}from"./chunk.72PWGZHD.js";import{i as E}from"./chunk.JNNZNCOC.js";import{b as c,c as A,d as _,g as N}from"./chunk.K2CLG4ZI.js";import{b as r,c as u,d as l}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";var O={officer:"Officer",orgAdmin:"Organisation admin",coordinator:"Coordinator"};async function R(){if(!N())return;let e=A(),i=_()&&e.role==="coordinator",d=_()&&e.role==="orgAdmin"&&!!e.organisation;if(l("admin-loading").remove(),!i&&!d){l("not-allowed").hidden=!1;return}l("admin").hidden=!1;let o=!!e.organisation;l("members-section").hidden=!o,l("org-section").hidden=!o;let s=null;if(o)try{s=await c.collection("organisations").getOne(e.organisation),l("org-caption").textContent=s.name}catch{}let n={u:e,coordinator:i,org:s};await Promise.all([T(n),o?L(n):null,o?z(n):null])}function f(){document.querySelectorAll("[data-banner]").forEach(e=>e.replaceChildren())}function k(e){j(l("admin")),f();let i=document.querySelector("[data-banner]");u(i,r`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="admin-banner-title" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="admin-banner-title">
      Success
    </h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">
      ${e}
    </p>
  </div>
</div>`),new w(i.firstElementChild)}function S(e,i){f(),D(e,x(i))}function q(e,i){e.addEventListener("click",async d=>{let o=d.target.closest("button[data-action]");if(!(!o||!e.contains(o)||o.disabled)){o.disabled=!0,o.setAttribute("aria-disabled","true");try{await i(o)}finally{o.isConnected&&(o.disabled=!1,o.removeAttribute("aria-disabled"))}}})}var $="govuk-button govuk-button--secondary govuk-!-font-size-16 govuk-!-margin-bottom-1",g=null,p=()=>{};async function T({u:e,coordinator:i}){let d=l("requests"),o=i?'membership = "pending" && organisation != ""':c.filter('membership = "pending" && organisation = {:o}',{o:e.organisation}),s;try{s=await c.collection("users").getFullList({filter:o,expand:"organisation",sort:"created"})}catch{u(d,r`<p class="govuk-body">The requests to join could not be loaded. Refresh the page to try again.</p>`);return}let n=()=>{if(!s.length){u(d,r`<p class="govuk-body">No one is waiting to join${i?" any organisation":" your organisation"}.</p>`);return}u(d,r`<p class="govuk-body">${s.length===1?"1 person is":`${s.length} people are`} waiting for an answer. Approve only people you know work for ${i?"the organisation they chose":"your organisation"}.</p>
<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">People asking to join, oldest request first</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Name</th>
      <th scope="col" class="govuk-table__header">Email address</th>
      ${i?r`<th scope="col" class="govuk-table__header">Organisation</th>`:""}
      <th scope="col" class="govuk-table__header">Asked</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${s.map(a=>r`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${a.name}${a.jobTitle?r`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${a.jobTitle}</span>`:""}</td>
      <td class="govuk-table__cell">${a.email||"Hidden"}${a.verified?"":r`<span class="govuk-!-display-block govuk-!-margin-top-1"><strong class="govuk-tag govuk-tag--grey">Not verified yet</strong></span>`}</td>
      ${i?r`<td class="govuk-table__cell">${a.expand?.organisation?.name||""}</td>`:""}
      <td class="govuk-table__cell">${E(a.created)}</td>
      <td class="govuk-table__cell">
        <button type="button" class="${$}" data-module="govuk-button" data-action="approved" data-id="${a.id}">
          Approve<span class="govuk-visually-hidden"> ${a.name}</span>
        </button>
        <button type="button" class="${$}" data-module="govuk-button" data-action="declined" data-id="${a.id}">
          Decline<span class="govuk-visually-hidden"> ${a.name}</span>
        </button>
      </td>
    </tr>`)}
  </tbody>
</table></div>`)};n(),q(d,async a=>{let t=s.findIndex(h=>h.id===a.dataset.id);if(t<0)return;let m=a.dataset.action,b=s[t],v=b.expand?.organisation?.name||"your organisation";try{let h=await c.collection("users").update(b.id,{membership:m});s.splice(t,1),n(),m==="approved"&&g&&h.organisation===e.organisation&&(g.push({...b,...h}),g.sort((C,F)=>(C.name||"").localeCompare(F.name||"")),p()),k(m==="approved"?`${b.name} is now a member of ${v}`:`You have declined ${b.name}'s request to join ${v}`)}catch(h){S(d,h)}})}async function L({u:e,coordinator:i,org:d}){let o=l("members");try{g=await c.collection("users").getFullList({filter:c.filter('membership = "approved" && organisation = {:o}',{o:e.organisation}),sort:"name"})}catch{u(o,r`<p class="govuk-body">The members could not be loaded. Refresh the page to try again.</p>`);return}let s=d?.name||"your organisation",n=null,a=t=>t.id!==e.id&&(t.role==="officer"||i&&t.role==="orgAdmin");p=()=>{if(!g.length){u(o,r`<p class="govuk-body">${s} has no members yet.</p>`);return}u(o,r`<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">Members of ${s}</caption>
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
      <td class="govuk-table__cell">${a(t)&&n!==t.id?r`<button type="button" class="${$}" data-module="govuk-button" data-action="remove" data-id="${t.id}">
          Remove<span class="govuk-visually-hidden"> ${t.name}</span>
        </button>`:""}</td>
    </tr>
    ${n===t.id?r`<tr class="govuk-table__row">
      <td class="govuk-table__cell" colspan="5">
        <div class="govuk-warning-text" id="confirm-remove" tabindex="-1">
          <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            ${t.name} will no longer be a member of ${s}: they will not be able to edit its projects or answer interest in them. Their projects stay with ${s}, and anyone in it can adopt them.
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
</table></div>`)},p(),q(o,async t=>{let m=t.dataset.id,b=g.find(v=>v.id===m);if(b){if(t.dataset.action==="remove"){f(),n=m,p(),l("confirm-remove").focus();return}if(t.dataset.action==="remove-cancel"){n=null,p(),o.querySelector(`button[data-action="remove"][data-id="${CSS.escape(m)}"]`)?.focus();return}try{await c.collection("users").update(m,{membership:"declined"}),n=null,g=g.filter(v=>v.id!==m),p(),k(`${b.name} is no longer a member of ${s}`)}catch(v){S(o,v)}}})}async function z({org:e}){let i=l("domains-form"),d=l("profile-form");if(!e){u(l("org-name"),r`Your organisation's details could not be loaded. Refresh the page to try again.`),i.hidden=!0,d.hidden=!0;return}let o=()=>{l("f-emailDomains").value=(Array.isArray(e.emailDomains)?e.emailDomains:[]).join(`
`),l("f-shortName").value=e.shortName||"",l("f-website").value=e.website||"",l("f-description").value=e.description||"",u(l("org-name"),r`Name: ${e.name}. Ask a coordinator if it needs to change. <a class="govuk-link" href="/organisations/${e.slug}">See your organisation's public page</a>.`)};o();let s=n=>(n||"").split(/[\n,;]+/).map(a=>a.trim()).filter(Boolean);y(i,{validate:n=>{f();let a=s(n.emailDomains).find(t=>!/^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(t));return a?{emailDomains:`${a} is not an email domain. Enter domains like leeds.gov.uk, one on each line, without anything before the @`}:{}},save:async n=>{let a=s(n.emailDomains);e=await c.collection("organisations").update(e.id,{emailDomains:a}),o(),k(e.emailDomains?.length?`${e.name}'s email domains are saved: ${e.emailDomains.join(", ")}`:`${e.name} has no email domains now: everyone who asks to join needs approving`)}}),y(d,{validate:n=>{f();let a={};return n.website&&!/^https?:\/\/[^\s.]+\.[^\s]+$/i.test(n.website)&&!/^[^\s.]+\.[^\s]+$/.test(n.website)&&(a.website="Enter a web address, like https://www.leeds.gov.uk"),(n.description||"").length>2e3&&(a.description="About your organisation must be 2,000 characters or fewer"),(n.shortName||"").length>100&&(a.shortName="Short name must be 100 characters or fewer"),a},messages:{website:{default:"Enter a web address, like https://www.leeds.gov.uk"}},save:async n=>{let a=n.website||"";a&&!/^https?:\/\//i.test(a)&&(a="https://"+a),e=await c.collection("organisations").update(e.id,{shortName:n.shortName||"",website:a,description:n.description||""}),o(),k(`${e.name}'s profile is saved`)}})}export{R as default};
