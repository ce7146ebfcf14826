import{a as W}from"./chunk.NPJRVA56.js";import{a as B,b as U}from"./chunk.T46U2HGF.js";import"./chunk.UU44OG4X.js";import{a as x,b as P,c as C,d as I,f as S}from"./chunk.E66GC2FU.js";import"./chunk.72PWGZHD.js";import{b as y,c as A,d as T,e as w,g as $,h as Y,i as h,j as L,k as F}from"./chunk.JNNZNCOC.js";import{b as c,c as v,d as N,e as E}from"./chunk.K2CLG4ZI.js";import{b as s,c as l,d as g}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";var p,H="organisation,partners,owner,continuedIn,reuses",M={join:"We want to join",reuse:"We want to reuse it",similar:"We have done something similar",contribute:"We can contribute money, people or skills"},X={created:"Your project has been saved",saved:"Your changes have been saved",update:"Your update has been posted"};async function J(){let e=g("project"),t=V(),o;try{if(!t)throw Object.assign(new Error("No project"),{status:404});o=await c.collection("projects").getFirstListItem(c.filter("slug = {:s}",{s:t}),{expand:H})}catch(a){a?.status===404?Z(e):ee(e);return}document.title=`${o.title} \u2013 Pipeline`,p=await import("./forms.7CNEEBY3.js"),l(e,ae(o)),q(o),te(),await Promise.all([z(o),le(o),_(o),Q(o),W(o)]),K(o),g("actions").addEventListener("click",a=>pe(a,o))}async function Q(e){let t=g("similar");try{let o=await B({project:e.id});l(t,o.length?U(o):s`<p class="govuk-body">We have not found similar projects in other councils yet.</p>`)}catch{l(t,s`<p class="govuk-body">Similar projects could not be loaded. Try again later.</p>`)}}function V(){let e=window.location.pathname.match(/^\/projects\/([^/]+)\/?$/);return e?decodeURIComponent(e[1]):""}function Z(e){document.title="Project not found \u2013 Pipeline",l(e,s`<h1 class="govuk-heading-l">Project not found</h1>
    <p class="govuk-body">If you typed the web address, check it is correct. The project may have been removed.</p>
    ${v()?s`<p class="govuk-body">Draft projects can only be seen by people in the project's organisation.</p>`:s`<p class="govuk-body">Draft projects can only be seen by people in the project's organisation. If it is your organisation's project, <a class="govuk-link" href="/sign-in?next=${encodeURIComponent(window.location.pathname)}">sign in</a> to see it.</p>`}
    <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)}function ee(e){document.title="Sorry, there is a problem \u2013 Pipeline",l(e,s`<h1 class="govuk-heading-l">Sorry, there is a problem</h1>
    <p class="govuk-body">The project could not be loaded. Check your connection and try again later.</p>
    <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)}function te(){let e=new URLSearchParams(window.location.search),t=X[e.get("done")];if(!t)return;let o=g("page-banner");l(o,D(t,"page-banner-title")),e.delete("done");let a=e.toString();window.history.replaceState(null,"",window.location.pathname+(a?"?"+a:"")+window.location.hash)}function D(e,t){return s`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="${t}" data-module="govuk-notification-banner">
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
</div>`}function k(e){return e?e.slug?s`<a class="govuk-link" href="/organisations/${e.slug}">${e.name}</a>`:s`${e.name}`:""}function O(e){return s`<a class="govuk-link" href="/projects/${e.slug}">${e.title}</a>`}function R(e){return String(e||"").split(/\n\s*\n/).map(t=>t.trim()).filter(Boolean).map(t=>s`<p class="govuk-body app-pre-wrap">${t}</p>`)}function d(e,t){return s`<div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">
      ${e}
    </dt>
    <dd class="govuk-summary-list__value">
      ${t}
    </dd>
  </div>`}function oe(e){return/^https?:\/\//i.test(e||"")}function se(e){let t=e.expand||{},o=t.partners||[],a=e.seeking||[],n=Array.isArray(e.tags)?e.tags:[],i=(Array.isArray(e.links)?e.links:[]).filter(r=>oe(r?.url)),m=[d("Organisation",k(t.organisation)),o.length?d("Partners",o.length===1?k(o[0]):s`<ul class="govuk-list">${o.map(r=>s`<li>${k(r)}</li>`)}</ul>`):"",d("Phase",$(e.phase)),e.phaseStart?d("Phase started",h(e.phaseStart)):"",e.phaseEnd?d("Phase ends",h(e.phaseEnd)):"",e.nextAssessment?d("Next service assessment",h(e.nextAssessment)):"",d("Budget",A[e.budgetBand]||"Not known"),d("Looking for",a.length?s`<ul class="govuk-list govuk-list--bullet">${a.map(r=>s`<li>${T[r]||r}</li>`)}</ul>`:"Nothing at the moment"),n.length?d("Tags",s`<ul class="govuk-list">${n.map(r=>s`<li><a class="govuk-link" href="/projects?q=${encodeURIComponent(r)}">${r}</a></li>`)}</ul>`):"",e.contactName||e.contactEmail?d("Key contact",s`${e.contactName?s`<p class="govuk-body govuk-!-margin-bottom-1">${e.contactName}</p>`:""}
        ${e.contactEmail?s`<a class="govuk-link" href="mailto:${e.contactEmail}">${e.contactEmail}</a>`:""}`):"",i.length?d("Links",s`<ul class="govuk-list">${i.map(r=>s`<li><a class="govuk-link" href="${r.url}" rel="noopener">${r.label||r.url}</a></li>`)}</ul>`):"",t.continuedIn?d("Continued in",O(t.continuedIn)):"",(t.reuses||[]).length?d("Reuses",s`<ul class="govuk-list">${t.reuses.map(r=>s`<li>${O(r)}</li>`)}</ul>`):"",s`<div class="govuk-summary-list__row" id="last-confirmed-row">${G(e)}</div>`];return s`<dl class="govuk-summary-list">${m}</dl>`}function G(e){return s`<dt class="govuk-summary-list__key">
      Last confirmed
    </dt>
    <dd class="govuk-summary-list__value">
      ${h(e.lastConfirmedAt)||"Not yet"}
    </dd>`}function ae(e){let t=e.expand?.organisation;return s`<div id="page-banner"></div>
<span class="govuk-caption-l">${k(t)}</span>
<h1 class="govuk-heading-l">${e.title}</h1>
<div id="project-head"></div>
<p class="govuk-body-l">${e.summary}</p>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${se(e)}
    <div id="call"></div>
    ${e.description?s`<h2 class="govuk-heading-m">About the project</h2>${R(e.description)}`:""}
    ${e.outcome?s`<h2 class="govuk-heading-m">Outcome</h2>${R(e.outcome)}`:""}
    <h2 class="govuk-heading-m">Who is interested</h2>
    <div id="interest"><p class="govuk-body">Loading who is interested…</p></div>
    <h2 class="govuk-heading-m">Updates</h2>
    <div id="updates"><p class="govuk-body">Loading updates…</p></div>
    <p class="govuk-body-s"><a class="govuk-link" href="/feeds/projects/${e.id}.atom">Follow this project's updates in a feed reader</a></p>
    <h2 class="govuk-heading-m">Similar work in other councils</h2>
    <div id="similar"><p class="govuk-body">Loading similar projects…</p></div>
  </div>
  <div class="govuk-grid-column-one-third">
    <div id="actions"></div>
  </div>
</div>`}function q(e){let t=F(e);l(g("project-head"),s`<p class="govuk-body">
    <span class="govuk-visually-hidden">Phase: </span>${$(e.phase)}
    <span class="govuk-visually-hidden">Status: </span>${L(e)}
    ${t?s`<span class="govuk-!-margin-left-1">${t}</span>`:""}
  </p>
  ${e.dormantSince?s`<div class="govuk-inset-text">
  This project is dormant: nobody has confirmed or updated it for a long time
</div>`:""}
  ${e.visibility==="draft"?s`<div class="govuk-warning-text">
  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
  <strong class="govuk-warning-text__text">
    <span class="govuk-visually-hidden">Warning</span>
    Draft: only your organisation can see this
  </strong>
</div>`:""}`);let o=document.getElementById("last-confirmed-row");o&&l(o,G(e))}function ne(e){return e&&e[0].toLowerCase()+e.slice(1)}function ie(e){return Object.entries(e||{}).map(([t,o])=>{let a=ne(w[t]||t);return o>1?`${a} (${o} people)`:a}).join(", ")}async function z(e){let t=g("interest");try{let o=await c.send("/api/pipeline/projects/"+encodeURIComponent(e.id)+"/interest",{}),a=o.followers||0,n=o.organisations||[];if(!a){l(t,s`<p class="govuk-body">Nobody is following this project yet.</p>`);return}l(t,s`<p class="govuk-body">${a===1?"1 follower":`${a} followers`}</p>
      ${n.length?s`<ul class="govuk-list govuk-list--bullet">${n.map(i=>s`<li>${k(i)}: ${ie(i.kinds)}</li>`)}</ul>`:""}`)}catch{l(t,s`<p class="govuk-body">Who is interested could not be loaded. Try again later.</p>`)}}function re(e){return!!e.phaseTo&&/^Moved from [a-z]+ to [a-z]+\.$/.test((e.body||"").trim())}async function le(e){let t=g("updates");try{let o=await c.collection("updates").getFullList({filter:c.filter("project = {:p}",{p:e.id}),sort:"-created",expand:"author"});if(!o.length){l(t,s`<p class="govuk-body">No updates yet.</p>`);return}l(t,s`<ol class="app-timeline">${o.map(a=>s`<li class="app-timeline__item">
      <p class="govuk-body-s app-timeline__date govuk-!-margin-bottom-1">${h(a.created)}</p>
      ${a.phaseTo?s`<h3 class="govuk-heading-s govuk-!-margin-bottom-2">Moved from ${y[a.phaseFrom]||a.phaseFrom||"an earlier phase"} to ${y[a.phaseTo]||a.phaseTo}</h3>`:""}
      ${re(a)?"":s`<p class="govuk-body app-pre-wrap govuk-!-margin-bottom-1">${a.body}</p>`}
      ${a.expand?.author?.name?s`<p class="govuk-body-s app-timeline__date">Posted by ${a.expand.author.name}</p>`:""}
    </li>`)}</ol>`)}catch{l(t,s`<p class="govuk-body">The updates could not be loaded. Try again later.</p>`)}}function f(e,t,o=!0){return s`<button type="button" class="govuk-button ${o?"govuk-button--secondary":""}" data-module="govuk-button" data-action="${e}">
  ${t}
</button>`}function j(e,t,o=!1){return s`<a href="${e}" role="button" draggable="false" class="govuk-button ${o?"govuk-button--secondary":""}" data-module="govuk-button">
  ${t}
</a>`}async function _(e,t=""){let o=g("actions"),a=v(),n=t?D(t,"actions-banner-title"):"",i;if(a?N()?E(e.organisation)?i=ce(e):i=await ue(e):i=s`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body">You can follow and express interest once your organisation membership is approved.</p>
      <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`:i=s`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body"><a class="govuk-link" href="/sign-in?next=${encodeURIComponent(window.location.pathname)}">Sign in to follow or express interest</a></p>`,l(o,s`${n}${i}`),o.dataset.rendered)for(let m of[x,I,P,C])S(m,void 0,o);o.dataset.rendered="yes"}function ce(e){let t=!!e.dormantSince||!e.owner,o="/projects/"+e.slug;return s`<h2 class="govuk-heading-m">Manage this project</h2>
    <div class="govuk-button-group">
      ${j(o+"/edit","Edit project")}
      ${j(o+"/update","Post an update",!0)}
    </div>
    <h3 class="govuk-heading-s">Is it still accurate?</h3>
    <p class="govuk-body">If nothing has changed, confirm it, so that other councils know it is current.</p>
    ${f("confirm","Confirm it is still accurate")}
    ${t?s`<h3 class="govuk-heading-s">Adopt this project</h3>
      <p class="govuk-body">${e.owner?"Nobody has looked after this project for a long time.":"This project has no owner."} Adopt it to become its owner: you will be asked to keep it up to date.</p>
      ${f("adopt","Adopt this project")}`:""}`}var u=null;async function de(e){try{return await c.collection("interests").getFirstListItem(c.filter("project = {:p} && user = {:u}",{p:e.id,u:v().id}))}catch(t){if(t?.status===404)return null;throw t}}async function ue(e){try{u=await de(e)}catch{return s`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body">Your interest in this project could not be loaded. Try again later.</p>`}let t=u,o=t&&t.state!=="withdrawn",a=e.expand?.organisation?.name||"the project's organisation",n=(e.partners||[]).includes(v().organisation)&&e.visibility==="published",i="";o&&t.kind==="following"?i=s`<p class="govuk-body">You are following this project. You will hear about its updates.</p>
      ${f("unfollow","Stop following")}`:o&&(i=s`<h3 class="govuk-heading-s">Your interest</h3>
      <dl class="govuk-summary-list">
        ${d("Interest",w[t.kind]||t.kind)}
        ${d("Status",Y(t.state))}
      </dl>
      ${t.message?s`<details class="govuk-details">
  <summary class="govuk-details__summary">
    <span class="govuk-details__summary-text">
      Your message
    </span>
  </summary>
  <div class="govuk-details__text app-pre-wrap">${t.message}</div>
</details>`:""}
      ${f("withdraw","Withdraw")}`);let m=!t||!o||t.kind==="following";return s`<h2 class="govuk-heading-m">Get involved</h2>
    ${n?s`<p class="govuk-body">Your organisation is a partner in this project.</p>
      ${j("/projects/"+e.slug+"/update","Post an update",!0)}`:""}
    ${i}
    ${o?"":s`<p class="govuk-body">Follow the project to hear about its updates.</p>${f("follow","Follow")}`}
    ${m?ge(a):""}`}function ge(e){let t=Object.entries(M).map(([o,a],n)=>{let i=n?`f-kind-${o}`:"f-kind";return s`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${i}" name="kind" type="radio" value="${o}">
      <label class="govuk-label govuk-radios__label" for="${i}">
        ${a}
      </label>
    </div>`});return s`<form id="interest-form" novalidate>
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
  </form>`}function K(e){let t=document.getElementById("interest-form");if(!t)return;let o=e.expand?.organisation?.name||"the project's organisation";p.handleForm(t,{validate(a){let n={};return M[a.kind]||(n.kind="Choose what your organisation's interest is"),(a.message||"").length>2e3&&(n.message="Your message must be 2,000 characters or fewer"),n},async save(a){let n={kind:a.kind,message:a.message||""};u?(u.state==="withdrawn"&&(n.state="open"),await c.collection("interests").update(u.id,n)):await c.collection("interests").create({project:e.id,...n}),p.clearErrors(t),await b(e,`Your interest has been sent to ${o}`)},messages:{kind:{validation_required:"Choose what your organisation's interest is"},message:{validation_max_text_constraint:"Your message must be 2,000 characters or fewer"}}})}async function b(e,t){await Promise.all([_(e,t),z(e)]),K(e)}async function pe(e,t){let o=e.target.closest("button[data-action]");if(!o||o.disabled)return;let a=o.dataset.action;o.setAttribute("disabled",""),o.setAttribute("aria-disabled","true");let n=g("actions");try{if(a==="confirm"||a==="adopt"){let i=await c.send("/api/pipeline/projects/"+encodeURIComponent(t.id)+"/"+a,{method:"POST"});Object.assign(t,{...i,expand:t.expand}),p.clearErrors(n),q(t),await _(t,a==="confirm"?"Thank you: the project is confirmed as accurate today":"You have adopted this project and are now its owner");return}a==="follow"?(u?await c.collection("interests").update(u.id,{kind:"following",message:"",state:"open"}):await c.collection("interests").create({project:t.id,kind:"following"}),p.clearErrors(n),await b(t,"You are now following this project")):a==="unfollow"&&u?(await c.collection("interests").delete(u.id),p.clearErrors(n),await b(t,"You have stopped following this project")):a==="withdraw"&&u&&(await c.collection("interests").update(u.id,{state:"withdrawn"}),p.clearErrors(n),await b(t,"Your interest has been withdrawn"))}catch(i){let m=p.errorsFrom(i);p.showErrors(n,{action:Object.values(m).join(" ")})}finally{o.isConnected&&(o.removeAttribute("disabled"),o.removeAttribute("aria-disabled"))}}export{J as default};
