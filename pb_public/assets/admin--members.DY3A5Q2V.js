import{a as h,b as S,c as $}from"./chunk.M7WSRE2S.js";import"./chunk.VAEIOEPD.js";import{a as N,b as j,c as D,d as _}from"./chunk.LBEQU45H.js";import{h as q}from"./chunk.A3JAQMJR.js";import{b as r,c as m,d as n}from"./chunk.UP4GBFVW.js";import{c,d as A,e as y,h as x}from"./chunk.2RJMAO74.js";var R={officer:"Officer",orgAdmin:"Organisation admin",coordinator:"Coordinator"};async function T(){if(!x())return;let a=A(),l=y()&&a.role==="coordinator",d=y()&&a.role==="orgAdmin"&&!!a.organisation;if(n("admin-loading").remove(),!l&&!d){n("not-allowed").hidden=!1;return}n("admin").hidden=!1;let i=!!a.organisation;n("members-section").hidden=!i,n("org-section").hidden=!i;let s=null;if(i)try{s=await c.collection("organisations").getOne(a.organisation),n("org-caption").textContent=s.name}catch{}let o={u:a,coordinator:l,org:s};await Promise.all([C(o),i?z(o):null,i?B(o):null])}function f(a){j(n("admin")),h();let l=document.querySelector("[data-banner]");S(l,"admin-banner-title",a)}function E(a,l){h(),D(a,N(l))}var w="govuk-button govuk-button--secondary govuk-!-font-size-16 govuk-!-margin-bottom-1",g=null,k=()=>{};async function C({u:a,coordinator:l}){let d=n("requests"),i=l?'membership = "pending" && organisation != ""':c.filter('membership = "pending" && organisation = {:o}',{o:a.organisation}),s;try{s=await c.collection("users").getFullList({filter:i,expand:"organisation",sort:"created"})}catch{m(d,r`<p class="govuk-body">The requests to join could not be loaded. Refresh the page to try again.</p>`);return}let o=()=>{if(!s.length){m(d,r`<p class="govuk-body">No one is waiting to join${l?" any organisation":" your organisation"}.</p>`);return}m(d,r`<p class="govuk-body">${s.length===1?"1 person is":`${s.length} people are`} waiting for an answer. Approve only people you know work for ${l?"the organisation they chose":"your organisation"}.</p>
<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">People asking to join, oldest request first</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Name</th>
      <th scope="col" class="govuk-table__header">Email address</th>
      ${l?r`<th scope="col" class="govuk-table__header">Organisation</th>`:""}
      <th scope="col" class="govuk-table__header">Asked</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${s.map(e=>r`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${e.name}${e.jobTitle?r`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${e.jobTitle}</span>`:""}</td>
      <td class="govuk-table__cell">${e.email||"Hidden"}${e.verified?"":r`<span class="govuk-!-display-block govuk-!-margin-top-1"><strong class="govuk-tag govuk-tag--grey">Not verified yet</strong></span>`}</td>
      ${l?r`<td class="govuk-table__cell">${e.expand?.organisation?.name||""}</td>`:""}
      <td class="govuk-table__cell">${q(e.created)}</td>
      <td class="govuk-table__cell">
        <button type="button" class="${w}" data-module="govuk-button" data-action="approved" data-id="${e.id}">
          Approve<span class="govuk-visually-hidden"> ${e.name}</span>
        </button>
        <button type="button" class="${w}" data-module="govuk-button" data-action="declined" data-id="${e.id}">
          Decline<span class="govuk-visually-hidden"> ${e.name}</span>
        </button>
      </td>
    </tr>`)}
  </tbody>
</table></div>`)};o(),$(d,async e=>{let t=s.findIndex(p=>p.id===e.dataset.id);if(t<0)return;let u=e.dataset.action,b=s[t],v=b.expand?.organisation?.name||"your organisation";try{let p=await c.collection("users").update(b.id,{membership:u});s.splice(t,1),o(),u==="approved"&&g&&p.organisation===a.organisation&&(g.push({...b,...p}),g.sort((F,O)=>(F.name||"").localeCompare(O.name||"")),k()),f(u==="approved"?`${b.name} is now a member of ${v}`:`You have declined ${b.name}'s request to join ${v}`)}catch(p){E(d,p)}})}async function z({u:a,coordinator:l,org:d}){let i=n("members");try{g=await c.collection("users").getFullList({filter:c.filter('membership = "approved" && organisation = {:o}',{o:a.organisation}),sort:"name"})}catch{m(i,r`<p class="govuk-body">The members could not be loaded. Refresh the page to try again.</p>`);return}let s=d?.name||"your organisation",o=null,e=t=>t.id!==a.id&&(t.role==="officer"||l&&t.role==="orgAdmin");k=()=>{if(!g.length){m(i,r`<p class="govuk-body">${s} has no members yet.</p>`);return}m(i,r`<div class="app-table-wrapper"><table class="govuk-table">
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
      <td class="govuk-table__cell">${t.name}${t.id===a.id?" (you)":""}</td>
      <td class="govuk-table__cell">${t.jobTitle}</td>
      <td class="govuk-table__cell">${t.email}</td>
      <td class="govuk-table__cell">${R[t.role]||t.role}</td>
      <td class="govuk-table__cell">${e(t)&&o!==t.id?r`<button type="button" class="${w}" data-module="govuk-button" data-action="remove" data-id="${t.id}">
          Remove<span class="govuk-visually-hidden"> ${t.name}</span>
        </button>`:""}</td>
    </tr>
    ${o===t.id?r`<tr class="govuk-table__row">
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
</table></div>`)},k(),$(i,async t=>{let u=t.dataset.id,b=g.find(v=>v.id===u);if(b){if(t.dataset.action==="remove"){h(),o=u,k(),n("confirm-remove").focus();return}if(t.dataset.action==="remove-cancel"){o=null,k(),i.querySelector(`button[data-action="remove"][data-id="${CSS.escape(u)}"]`)?.focus();return}try{await c.collection("users").update(u,{membership:"declined"}),o=null,g=g.filter(v=>v.id!==u),k(),f(`${b.name} is no longer a member of ${s}`)}catch(v){E(i,v)}}})}async function B({org:a}){let l=n("domains-form"),d=n("profile-form");if(!a){m(n("org-name"),r`Your organisation's details could not be loaded. Refresh the page to try again.`),l.hidden=!0,d.hidden=!0;return}let i=()=>{n("f-emailDomains").value=(Array.isArray(a.emailDomains)?a.emailDomains:[]).join(`
`),n("f-shortName").value=a.shortName||"",n("f-website").value=a.website||"",n("f-description").value=a.description||"",m(n("org-name"),r`Name: ${a.name}. Ask a coordinator if it needs to change. <a class="govuk-link" href="/organisations/${a.slug}">See your organisation's public page</a>.`)};i();let s=o=>(o||"").split(/[\n,;]+/).map(e=>e.trim()).filter(Boolean);_(l,{validate:o=>{h();let e=s(o.emailDomains).find(t=>!/^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(t));return e?{emailDomains:`${e} is not an email domain. Enter domains like leeds.gov.uk, one on each line, without anything before the @`}:{}},save:async o=>{let e=s(o.emailDomains);a=await c.collection("organisations").update(a.id,{emailDomains:e}),i(),f(a.emailDomains?.length?`${a.name}'s email domains are saved: ${a.emailDomains.join(", ")}`:`${a.name} has no email domains now: everyone who asks to join needs approving`)}}),_(d,{validate:o=>{h();let e={};return o.website&&!/^https?:\/\/[^\s.]+\.[^\s]+$/i.test(o.website)&&!/^[^\s.]+\.[^\s]+$/.test(o.website)&&(e.website="Enter a web address, like https://www.leeds.gov.uk"),(o.description||"").length>2e3&&(e.description="About your organisation must be 2,000 characters or fewer"),(o.shortName||"").length>100&&(e.shortName="Short name must be 100 characters or fewer"),e},messages:{website:{default:"Enter a web address, like https://www.leeds.gov.uk"}},save:async o=>{let e=o.website||"";e&&!/^https?:\/\//i.test(e)&&(e="https://"+e),a=await c.collection("organisations").update(a.id,{shortName:o.shortName||"",website:e,description:o.description||""}),i(),f(`${a.name}'s profile is saved`)}})}export{T as default};
