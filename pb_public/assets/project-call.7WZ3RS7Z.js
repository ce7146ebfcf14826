import{a as x,b as C,e as N}from"./chunk.P3G244WU.js";import{i as _}from"./chunk.JNNZNCOC.js";import{b as i,c as p,d as k,e as v}from"./chunk.4EBPNJUS.js";import{a as y,c as w,e as $}from"./chunk.72PWGZHD.js";import{b as e,c as r,d as u}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";async function m(o){let d=u("call"),a=null;try{a=(await i.collection("calls").getList(1,1,{filter:i.filter("project = {:p}",{p:o.id}),sort:"-created"})).items[0]||null}catch{r(d,e`<p class="govuk-body">The partner call could not be loaded.</p>`);return}if(!a){r(d,v(o.organisation)?e`<h2 class="govuk-heading-m">Partner call</h2>
        <p class="govuk-body">Looking for councils to build this with? A partner call asks other councils to commit funding, people or both by a deadline. If enough commit, the partnership forms.</p>
        <a href="/projects/${o.slug}/call" role="button" draggable="false" class="govuk-button govuk-button--secondary" data-module="govuk-button">Open a partner call</a>`:e``);return}let l=await i.send(`/api/pipeline/calls/${a.id}/pledgers`,{}).catch(()=>({organisations:[]})),t=a.state==="open"&&Date.parse(a.deadline.replace(" ","T"))>Date.now();r(d,e`<section class="app-call" aria-labelledby="call-heading">
    <h2 class="govuk-heading-m" id="call-heading">Partner call <strong class="govuk-tag ${C[a.state]}">${x[a.state]}</strong></h2>
    <p class="govuk-body app-pre-wrap">${a.description}</p>
    ${a.partnersCommit?e`<h3 class="govuk-heading-s">What partners commit to</h3><p class="govuk-body app-pre-wrap">${a.partnersCommit}</p>`:""}
    ${a.partnersGet?e`<h3 class="govuk-heading-s">What partners get</h3><p class="govuk-body app-pre-wrap">${a.partnersGet}</p>`:""}
    ${N(a)}
    <p class="govuk-body">${a.state==="open"?"Closes":"Closed"} on ${_(a.deadline)}.</p>
    <h3 class="govuk-heading-s">Organisations that have pledged</h3>
    ${l.organisations.length?e`<ul class="govuk-list govuk-list--bullet">${l.organisations.map(c=>e`<li><a class="govuk-link" href="/organisations/${c.slug}">${c.name}</a></li>`)}</ul>`:e`<p class="govuk-body">None yet.</p>`}
    <div id="call-banner"></div>
    <div id="call-actions"></div>
  </section>`),await S(o,a,t)}function f(o){r(u("call-banner"),e`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="call-banner-title" data-module="govuk-notification-banner">
    <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="call-banner-title">Success</h2></div>
    <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${o}</p></div></div>`)}async function S(o,d,a){let l=u("call-actions");if(!a)return;if(v(o.organisation)){r(l,e`<details class="govuk-details">
      <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Cancel this call</span></summary>
      <div class="govuk-details__text">
        <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>Cancelling releases every pledge and tells everyone who followed or pledged. You cannot undo it.</strong></div>
        <button type="button" class="govuk-button govuk-button--warning" data-module="govuk-button" data-call-action="cancel">Cancel the partner call</button>
      </div></details>`),l.addEventListener("click",async n=>{n.target.closest('[data-call-action="cancel"]')&&(await i.collection("calls").update(d.id,{state:"cancelled"}),await m(o),f("The partner call is cancelled"))});return}if(!p()){r(l,e`<p class="govuk-body"><a class="govuk-link" href="/sign-in?next=${encodeURIComponent(window.location.pathname+"#call")}">Sign in to pledge for your organisation</a></p>`);return}if(!k()){r(l,e`<p class="govuk-body">You can pledge for your organisation once your membership is approved. <a class="govuk-link" href="/join">Check your membership</a></p>`);return}let t=null;try{t=await i.collection("pledges").getFirstListItem(i.filter("call = {:c} && organisation = {:o}",{c:d.id,o:p().organisation}),{sort:"-created"})}catch{}let c=t&&t.state==="active";r(l,e`<h3 class="govuk-heading-s">${c?"Your organisation\u2019s pledge":"Pledge for your organisation"}</h3>
    <form id="pledge-form" novalidate>
      <div class="govuk-form-group">
        <label class="govuk-label" for="f-funding">Funding, in pounds</label>
        <div class="govuk-input__wrapper"><div class="govuk-input__prefix" aria-hidden="true">£</div>
          <input class="govuk-input govuk-input--width-10" id="f-funding" name="funding" type="text" inputmode="numeric" spellcheck="false" value="${t?t.funding:""}"></div>
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label" for="f-days">Days of work</label>
        <input class="govuk-input govuk-input--width-5" id="f-days" name="days" type="text" inputmode="numeric" spellcheck="false" value="${t?t.days:""}">
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label" for="f-note">Note for the project’s team (only they and your organisation see it)</label>
        <textarea class="govuk-textarea" id="f-note" name="note" rows="3">${t?t.note:""}</textarea>
      </div>
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">${c?"Change the pledge":"Pledge"}</button>
        ${c?e`<button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-call-action="withdraw">Withdraw the pledge</button>`:""}
      </div>
    </form>`);let h=u("pledge-form");$(h,{validate(n){let s={};for(let g of["funding","days"]){let b=String(n[g]||"").replace(/[£,\s]/g,"");b&&!/^\d+$/.test(b)&&(s[g]=g==="funding"?"Enter funding as a whole number of pounds, like 20000":"Enter days as a whole number, like 10")}return!s.funding&&!s.days&&!Number(String(n.funding).replace(/[£,\s]/g,""))&&!Number(n.days)&&(s.funding="Enter the funding or the days your organisation commits"),s},async save(n){let s={funding:Number(String(n.funding||"0").replace(/[£,\s]/g,"")),days:Number(n.days||0),note:n.note};t?await i.collection("pledges").update(t.id,{...s,state:"active"}):await i.collection("pledges").create({call:d.id,...s}),await m(o),f("Your organisation\u2019s pledge is saved")},messages:{funding:{validation_max_number_constraint:"Funding must be \xA3100,000,000 or less"}}}),l.addEventListener("click",async n=>{if(n.target.closest('[data-call-action="withdraw"]'))try{await i.collection("pledges").update(t.id,{state:"withdrawn"}),await m(o),f("Your organisation\u2019s pledge is withdrawn")}catch(s){w(h,y(s))}})}export{m as loadCall};
