import{a as x,b as P,c as I,d as C,f as N}from"./chunk.E66GC2FU.js";import{b as y,c as S,d as Y,e as w,g as $,h as T,i as m,j as L,k as F}from"./chunk.ED63KZZV.js";import{b as l,c as v,d as E,e as A}from"./chunk.K2CLG4ZI.js";import{a as o,b as d,c as g}from"./chunk.NB2EC3K5.js";import"./chunk.OQZJGNU5.js";var p,q="organisation,partners,owner,continuedIn,reuses",U={join:"We want to join",reuse:"We want to reuse it",similar:"We have done something similar",contribute:"We can contribute money, people or skills"},z={created:"Your project has been saved",saved:"Your changes have been saved",update:"Your update has been posted"};async function K(){let e=g("project"),t=H(),s;try{if(!t)throw Object.assign(new Error("No project"),{status:404});s=await l.collection("projects").getFirstListItem(l.filter("slug = {:s}",{s:t}),{expand:q})}catch(a){a?.status===404?X(e):J(e);return}document.title=`${s.title} \u2013 Pipeline`,p=await import("./forms.T6DKOYDK.js"),d(e,ee(s)),M(s),Q(),await Promise.all([D(s),ae(s),_(s)]),G(s),g("actions").addEventListener("click",a=>ce(a,s))}function H(){let e=window.location.pathname.match(/^\/projects\/([^/]+)\/?$/);return e?decodeURIComponent(e[1]):""}function X(e){document.title="Project not found \u2013 Pipeline",d(e,o`<h1 class="govuk-heading-l">Project not found</h1>
    <p class="govuk-body">If you typed the web address, check it is correct. The project may have been removed.</p>
    ${v()?o`<p class="govuk-body">Draft projects can only be seen by people in the project's organisation.</p>`:o`<p class="govuk-body">Draft projects can only be seen by people in the project's organisation. If it is your organisation's project, <a class="govuk-link" href="/sign-in?next=${encodeURIComponent(window.location.pathname)}">sign in</a> to see it.</p>`}
    <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)}function J(e){document.title="Sorry, there is a problem \u2013 Pipeline",d(e,o`<h1 class="govuk-heading-l">Sorry, there is a problem</h1>
    <p class="govuk-body">The project could not be loaded. Check your connection and try again later.</p>
    <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)}function Q(){let e=new URLSearchParams(window.location.search),t=z[e.get("done")];if(!t)return;let s=g("page-banner");d(s,O(t,"page-banner-title")),e.delete("done");let a=e.toString();window.history.replaceState(null,"",window.location.pathname+(a?"?"+a:"")+window.location.hash)}function O(e,t){return o`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="${t}" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="${t}">
      Success
    </h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">
      ${e}
    </p>
  </div>
</div>`}function k(e){return e?e.slug?o`<a class="govuk-link" href="/organisations/${e.slug}">${e.name}</a>`:o`${e.name}`:""}function B(e){return o`<a class="govuk-link" href="/projects/${e.slug}">${e.title}</a>`}function W(e){return String(e||"").split(/\n\s*\n/).map(t=>t.trim()).filter(Boolean).map(t=>o`<p class="govuk-body app-pre-wrap">${t}</p>`)}function c(e,t){return o`<div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">
      ${e}
    </dt>
    <dd class="govuk-summary-list__value">
      ${t}
    </dd>
  </div>`}function V(e){return/^https?:\/\//i.test(e||"")}function Z(e){let t=e.expand||{},s=t.partners||[],a=e.seeking||[],n=Array.isArray(e.tags)?e.tags:[],i=(Array.isArray(e.links)?e.links:[]).filter(r=>V(r?.url)),h=[c("Organisation",k(t.organisation)),s.length?c("Partners",s.length===1?k(s[0]):o`<ul class="govuk-list">${s.map(r=>o`<li>${k(r)}</li>`)}</ul>`):"",c("Phase",$(e.phase)),e.phaseStart?c("Phase started",m(e.phaseStart)):"",e.phaseEnd?c("Phase ends",m(e.phaseEnd)):"",e.nextAssessment?c("Next service assessment",m(e.nextAssessment)):"",c("Budget",S[e.budgetBand]||"Not known"),c("Looking for",a.length?o`<ul class="govuk-list govuk-list--bullet">${a.map(r=>o`<li>${Y[r]||r}</li>`)}</ul>`:"Nothing at the moment"),n.length?c("Tags",o`<ul class="govuk-list">${n.map(r=>o`<li><a class="govuk-link" href="/projects?q=${encodeURIComponent(r)}">${r}</a></li>`)}</ul>`):"",e.contactName||e.contactEmail?c("Key contact",o`${e.contactName?o`<p class="govuk-body govuk-!-margin-bottom-1">${e.contactName}</p>`:""}
        ${e.contactEmail?o`<a class="govuk-link" href="mailto:${e.contactEmail}">${e.contactEmail}</a>`:""}`):"",i.length?c("Links",o`<ul class="govuk-list">${i.map(r=>o`<li><a class="govuk-link" href="${r.url}" rel="noopener">${r.label||r.url}</a></li>`)}</ul>`):"",t.continuedIn?c("Continued in",B(t.continuedIn)):"",(t.reuses||[]).length?c("Reuses",o`<ul class="govuk-list">${t.reuses.map(r=>o`<li>${B(r)}</li>`)}</ul>`):"",o`<div class="govuk-summary-list__row" id="last-confirmed-row">${R(e)}</div>`];return o`<dl class="govuk-summary-list">${h}</dl>`}function R(e){return o`<dt class="govuk-summary-list__key">
      Last confirmed
    </dt>
    <dd class="govuk-summary-list__value">
      ${m(e.lastConfirmedAt)||"Not yet"}
    </dd>`}function ee(e){let t=e.expand?.organisation;return o`<div id="page-banner"></div>
<span class="govuk-caption-l">${k(t)}</span>
<h1 class="govuk-heading-l">${e.title}</h1>
<div id="project-head"></div>
<p class="govuk-body-l">${e.summary}</p>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${Z(e)}
    ${e.description?o`<h2 class="govuk-heading-m">About the project</h2>${W(e.description)}`:""}
    ${e.outcome?o`<h2 class="govuk-heading-m">Outcome</h2>${W(e.outcome)}`:""}
    <h2 class="govuk-heading-m">Who is interested</h2>
    <div id="interest"><p class="govuk-body">Loading who is interested…</p></div>
    <h2 class="govuk-heading-m">Updates</h2>
    <div id="updates"><p class="govuk-body">Loading updates…</p></div>
  </div>
  <div class="govuk-grid-column-one-third">
    <div id="actions"></div>
  </div>
</div>`}function M(e){let t=F(e);d(g("project-head"),o`<p class="govuk-body">
    <span class="govuk-visually-hidden">Phase: </span>${$(e.phase)}
    <span class="govuk-visually-hidden">Status: </span>${L(e)}
    ${t?o`<span class="govuk-!-margin-left-1">${t}</span>`:""}
  </p>
  ${e.dormantSince?o`<div class="govuk-inset-text">
  This project is dormant: nobody has confirmed or updated it for a long time
</div>`:""}
  ${e.visibility==="draft"?o`<div class="govuk-warning-text">
  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
  <strong class="govuk-warning-text__text">
    <span class="govuk-visually-hidden">Warning</span>
    Draft: only your organisation can see this
  </strong>
</div>`:""}`);let s=document.getElementById("last-confirmed-row");s&&d(s,R(e))}function te(e){return e&&e[0].toLowerCase()+e.slice(1)}function oe(e){return Object.entries(e||{}).map(([t,s])=>{let a=te(w[t]||t);return s>1?`${a} (${s} people)`:a}).join(", ")}async function D(e){let t=g("interest");try{let s=await l.send("/api/pipeline/projects/"+encodeURIComponent(e.id)+"/interest",{}),a=s.followers||0,n=s.organisations||[];if(!a){d(t,o`<p class="govuk-body">Nobody is following this project yet.</p>`);return}d(t,o`<p class="govuk-body">${a===1?"1 follower":`${a} followers`}</p>
      ${n.length?o`<ul class="govuk-list govuk-list--bullet">${n.map(i=>o`<li>${k(i)}: ${oe(i.kinds)}</li>`)}</ul>`:""}`)}catch{d(t,o`<p class="govuk-body">Who is interested could not be loaded. Try again later.</p>`)}}function se(e){return!!e.phaseTo&&/^Moved from [a-z]+ to [a-z]+\.$/.test((e.body||"").trim())}async function ae(e){let t=g("updates");try{let s=await l.collection("updates").getFullList({filter:l.filter("project = {:p}",{p:e.id}),sort:"-created",expand:"author"});if(!s.length){d(t,o`<p class="govuk-body">No updates yet.</p>`);return}d(t,o`<ol class="app-timeline">${s.map(a=>o`<li class="app-timeline__item">
      <p class="govuk-body-s app-timeline__date govuk-!-margin-bottom-1">${m(a.created)}</p>
      ${a.phaseTo?o`<h3 class="govuk-heading-s govuk-!-margin-bottom-2">Moved from ${y[a.phaseFrom]||a.phaseFrom||"an earlier phase"} to ${y[a.phaseTo]||a.phaseTo}</h3>`:""}
      ${se(a)?"":o`<p class="govuk-body app-pre-wrap govuk-!-margin-bottom-1">${a.body}</p>`}
      ${a.expand?.author?.name?o`<p class="govuk-body-s app-timeline__date">Posted by ${a.expand.author.name}</p>`:""}
    </li>`)}</ol>`)}catch{d(t,o`<p class="govuk-body">The updates could not be loaded. Try again later.</p>`)}}function f(e,t,s=!0){return o`<button type="button" class="govuk-button ${s?"govuk-button--secondary":""}" data-module="govuk-button" data-action="${e}">
  ${t}
</button>`}function j(e,t,s=!1){return o`<a href="${e}" role="button" draggable="false" class="govuk-button ${s?"govuk-button--secondary":""}" data-module="govuk-button">
  ${t}
</a>`}async function _(e,t=""){let s=g("actions"),a=v(),n=t?O(t,"actions-banner-title"):"",i;if(a?E()?A(e.organisation)?i=ne(e):i=await re(e):i=o`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body">You can follow and express interest once your organisation membership is approved.</p>
      <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`:i=o`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body"><a class="govuk-link" href="/sign-in?next=${encodeURIComponent(window.location.pathname)}">Sign in to follow or express interest</a></p>`,d(s,o`${n}${i}`),s.dataset.rendered)for(let h of[x,C,P,I])N(h,void 0,s);s.dataset.rendered="yes"}function ne(e){let t=!!e.dormantSince||!e.owner,s="/projects/"+e.slug;return o`<h2 class="govuk-heading-m">Manage this project</h2>
    <div class="govuk-button-group">
      ${j(s+"/edit","Edit project")}
      ${j(s+"/update","Post an update",!0)}
    </div>
    <h3 class="govuk-heading-s">Is it still accurate?</h3>
    <p class="govuk-body">If nothing has changed, confirm it, so that other councils know it is current.</p>
    ${f("confirm","Confirm it is still accurate")}
    ${t?o`<h3 class="govuk-heading-s">Adopt this project</h3>
      <p class="govuk-body">${e.owner?"Nobody has looked after this project for a long time.":"This project has no owner."} Adopt it to become its owner: you will be asked to keep it up to date.</p>
      ${f("adopt","Adopt this project")}`:""}`}var u=null;async function ie(e){try{return await l.collection("interests").getFirstListItem(l.filter("project = {:p} && user = {:u}",{p:e.id,u:v().id}))}catch(t){if(t?.status===404)return null;throw t}}async function re(e){try{u=await ie(e)}catch{return o`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body">Your interest in this project could not be loaded. Try again later.</p>`}let t=u,s=t&&t.state!=="withdrawn",a=e.expand?.organisation?.name||"the project's organisation",n=(e.partners||[]).includes(v().organisation)&&e.visibility==="published",i="";s&&t.kind==="following"?i=o`<p class="govuk-body">You are following this project. You will hear about its updates.</p>
      ${f("unfollow","Stop following")}`:s&&(i=o`<h3 class="govuk-heading-s">Your interest</h3>
      <dl class="govuk-summary-list">
        ${c("Interest",w[t.kind]||t.kind)}
        ${c("Status",T(t.state))}
      </dl>
      ${t.message?o`<details class="govuk-details">
  <summary class="govuk-details__summary">
    <span class="govuk-details__summary-text">
      Your message
    </span>
  </summary>
  <div class="govuk-details__text app-pre-wrap">${t.message}</div>
</details>`:""}
      ${f("withdraw","Withdraw")}`);let h=!t||!s||t.kind==="following";return o`<h2 class="govuk-heading-m">Get involved</h2>
    ${n?o`<p class="govuk-body">Your organisation is a partner in this project.</p>
      ${j("/projects/"+e.slug+"/update","Post an update",!0)}`:""}
    ${i}
    ${s?"":o`<p class="govuk-body">Follow the project to hear about its updates.</p>${f("follow","Follow")}`}
    ${h?le(a):""}`}function le(e){let t=Object.entries(U).map(([s,a],n)=>{let i=n?`f-kind-${s}`:"f-kind";return o`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${i}" name="kind" type="radio" value="${s}">
      <label class="govuk-label govuk-radios__label" for="${i}">
        ${a}
      </label>
    </div>`});return o`<form id="interest-form" novalidate>
    <h3 class="govuk-heading-s">Express interest</h3>
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" aria-describedby="f-kind-hint">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          What is your organisation's interest?
        </legend>
        <div id="f-kind-hint" class="govuk-hint">
          ${e} will see your name, organisation and message.
        </div>
        <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
          ${t}
        </div>
      </fieldset>
    </div>
    <div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="2000">
      <label class="govuk-label govuk-label--s" for="f-message">
        Message
      </label>
      <div id="f-message-hint" class="govuk-hint">
        What you are working on and what you would like to happen next
      </div>
      <textarea class="govuk-textarea govuk-js-character-count" id="f-message" name="message" rows="5" aria-describedby="f-message-info f-message-hint"></textarea>
      <div id="f-message-info" class="govuk-hint govuk-character-count__message">
        You can enter up to 2000 characters
      </div>
    </div>
    <button type="submit" class="govuk-button" data-module="govuk-button">
      Send
    </button>
  </form>`}function G(e){let t=document.getElementById("interest-form");if(!t)return;let s=e.expand?.organisation?.name||"the project's organisation";p.handleForm(t,{validate(a){let n={};return U[a.kind]||(n.kind="Choose what your organisation's interest is"),(a.message||"").length>2e3&&(n.message="Your message must be 2,000 characters or fewer"),n},async save(a){let n={kind:a.kind,message:a.message||""};u?(u.state==="withdrawn"&&(n.state="open"),await l.collection("interests").update(u.id,n)):await l.collection("interests").create({project:e.id,...n}),p.clearErrors(t),await b(e,`Your interest has been sent to ${s}`)},messages:{kind:{validation_required:"Choose what your organisation's interest is"},message:{validation_max_text_constraint:"Your message must be 2,000 characters or fewer"}}})}async function b(e,t){await Promise.all([_(e,t),D(e)]),G(e)}async function ce(e,t){let s=e.target.closest("button[data-action]");if(!s||s.disabled)return;let a=s.dataset.action;s.setAttribute("disabled",""),s.setAttribute("aria-disabled","true");let n=g("actions");try{if(a==="confirm"||a==="adopt"){let i=await l.send("/api/pipeline/projects/"+encodeURIComponent(t.id)+"/"+a,{method:"POST"});Object.assign(t,{...i,expand:t.expand}),p.clearErrors(n),M(t),await _(t,a==="confirm"?"Thank you: the project is confirmed as accurate today":"You have adopted this project and are now its owner");return}a==="follow"?(u?await l.collection("interests").update(u.id,{kind:"following",message:"",state:"open"}):await l.collection("interests").create({project:t.id,kind:"following"}),p.clearErrors(n),await b(t,"You are now following this project")):a==="unfollow"&&u?(await l.collection("interests").delete(u.id),p.clearErrors(n),await b(t,"You have stopped following this project")):a==="withdraw"&&u&&(await l.collection("interests").update(u.id,{state:"withdrawn"}),p.clearErrors(n),await b(t,"Your interest has been withdrawn"))}catch(i){let h=p.errorsFrom(i);p.showErrors(n,{action:Object.values(h).join(" ")})}finally{s.isConnected&&(s.removeAttribute("disabled"),s.removeAttribute("aria-disabled"))}}export{K as default};
