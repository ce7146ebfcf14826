import{a as R}from"./chunk.WLPG7ZL5.js";import{a as O,b as U}from"./chunk.22NHBGBD.js";import"./chunk.P3G244WU.js";import{a as Y}from"./chunk.UZEJGEPK.js";import{b as w,c as W,d as A,e as $,g as j,h as B,i as v,j as L,k as F}from"./chunk.JNNZNCOC.js";import{a as E,b as C,c as S,d as P,f as N}from"./chunk.E66GC2FU.js";import{b as l,c as m,d as T,e as y}from"./chunk.4EBPNJUS.js";import"./chunk.72PWGZHD.js";import{b as s,c,d as g}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";var h,J="organisation,partners,owner,continuedIn,reuses",D={join:"We want to join",reuse:"We want to reuse it",similar:"We have done something similar",contribute:"We can contribute money, people or skills"},Q={created:"Your project has been saved",saved:"Your changes have been saved",update:"Your update has been posted"};async function V(){let e=g("project"),t=ae(),o;try{if(!t)throw Object.assign(new Error("No project"),{status:404});o=await l.collection("projects").getFirstListItem(l.filter("slug = {:s}",{s:t}),{expand:J})}catch(a){a?.status===404?ne(e):ie(e);return}document.title=`${o.title} \u2013 Pipeline`,h=await import("./forms.7CNEEBY3.js"),c(e,ce(o)),K(o),re(),await Promise.all([H(o),pe(o),x(o),Z(o),R(o),oe(o),se(o)]),X(o),g("actions").addEventListener("click",a=>fe(a,o))}async function Z(e){let t=g("similar");try{let o=await O({project:e.id});c(t,o.length?U(o):s`<p class="govuk-body">We have not found similar projects in other councils yet.</p>`)}catch{c(t,s`<p class="govuk-body">Similar projects could not be loaded. Try again later.</p>`)}}function ee(e){let t=[["What worked",e.outcomeWorked],["What did not work",e.outcomeDidNotWork],["What others can reuse",e.outcomeReusable],["Savings",e.outcomeSavings],["More about the outcome",e.outcome]].filter(([,o])=>o);return t.length?s`<h2 class="govuk-heading-m">Outcome</h2>${t.map(([o,a])=>s`<h3 class="govuk-heading-s">${o}</h3>${q(a)}`)}`:""}var te={duplicate:"it duplicated",merged:"it merged into",startedElsewhere:"the work started elsewhere, in",stopped:"it stopped, and the work goes on in"};async function oe(e){let t=g("reuse");try{let o=await l.send(`/api/pipeline/projects/${e.id}/reuse`,{});if(!o.reuses.length&&!o.reusedBy.length)return;let a=n=>s`<li><a class="govuk-link" href="/projects/${n.slug}">${n.title}</a>, ${n.organisation.name}</li>`;c(t,s`<h2 class="govuk-heading-m">Reuse</h2>
      ${o.reusedBy.length?s`<p class="govuk-body govuk-!-font-weight-bold">Reused by ${o.reusedByOrganisations===1?"1 council":`${o.reusedByOrganisations} councils`}</p>
        <ul class="govuk-list govuk-list--bullet">${o.reusedBy.map(a)}</ul>`:""}
      ${o.reuses.length?s`<p class="govuk-body govuk-!-font-weight-bold">This project reuses</p><ul class="govuk-list govuk-list--bullet">${o.reuses.map(a)}</ul>`:""}`)}catch{}}async function se(e){let t=e.expand?.continuedIn;if(e.closedReason&&t){let d=document.getElementById("page-banner"),r=document.createElement("div");c(r,s`<div class="govuk-notification-banner" role="region" aria-labelledby="closed-title" data-module="govuk-notification-banner">
      <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="closed-title">Closed</h2></div>
      <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">This project has closed because ${te[e.closedReason]||"it continues in"} <a class="govuk-notification-banner__link" href="/projects/${t.slug}">${t.title}</a>.</p></div></div>`),d.after(r)}let o=m(),a=o&&o.membership==="approved"&&o.role==="coordinator";if(!a&&!y(e.organisation)||e.visibility!=="published")return;let n=document.createElement("div");document.getElementById("actions").after(n),c(n,s`<h2 class="govuk-heading-s govuk-!-margin-top-6">Manage</h2>
    ${a?s`<button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-coord="feature">${e.featured?"Stop featuring on the home page":"Feature on the home page"}</button>`:""}
    ${e.closedReason?"":s`<details class="govuk-details">
      <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Close as continued in another project</span></summary>
      <div class="govuk-details__text">
        <form id="close-form" novalidate>
          <div class="govuk-form-group">
            <label class="govuk-label" for="f-continuedIn">The project it continues in (its address or the last part of it)</label>
            <input class="govuk-input" id="f-continuedIn" name="continuedIn" type="text" spellcheck="false">
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for="f-reason">Why</label>
            <select class="govuk-select" id="f-reason" name="reason">
              <option value="">Choose a reason</option>
              <option value="duplicate">It duplicates the other project</option>
              <option value="merged">It merged into the other project</option>
              <option value="startedElsewhere">The work started elsewhere</option>
              <option value="stopped">It stopped; the work goes on in the other project</option>
            </select>
          </div>
          <p class="govuk-body">Its followers are invited to follow the other project.</p>
          <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">Close this project</button>
        </form>
      </div></details>`}`),n.addEventListener("click",async d=>{d.target.closest('[data-coord="feature"]')&&(await l.send(`/api/pipeline/projects/${e.id}/feature`,{method:"POST",body:{featured:!e.featured}}),window.location.reload())});let i=document.getElementById("close-form");i&&h.handleForm(i,{validate:d=>{let r={};return d.continuedIn||(r.continuedIn="Enter the project it continues in"),d.reason||(r.reason="Choose why it is closing"),r},async save(d){let r=d.continuedIn.replace(/\/+$/,"").split("/").pop(),I;try{I=await l.collection("projects").getFirstListItem(l.filter("slug = {:s}",{s:r}))}catch{throw Object.assign(new Error("No such project"),{response:{data:{continuedIn:{message:"No published project has that address"}}}})}await l.send(`/api/pipeline/projects/${e.id}/close`,{method:"POST",body:{continuedIn:I.id,reason:d.reason}}),window.location.reload()}})}function ae(){let e=window.location.pathname.match(/^\/projects\/([^/]+)\/?$/);return e?decodeURIComponent(e[1]):""}function ne(e){document.title="Project not found \u2013 Pipeline",c(e,s`<h1 class="govuk-heading-l">Project not found</h1>
    <p class="govuk-body">If you typed the web address, check it is correct. The project may have been removed.</p>
    ${m()?s`<p class="govuk-body">Draft projects can only be seen by people in the project's organisation.</p>`:s`<p class="govuk-body">Draft projects can only be seen by people in the project's organisation. If it is your organisation's project, <a class="govuk-link" href="/sign-in?next=${encodeURIComponent(window.location.pathname)}">sign in</a> to see it.</p>`}
    <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)}function ie(e){document.title="Sorry, there is a problem \u2013 Pipeline",c(e,s`<h1 class="govuk-heading-l">Sorry, there is a problem</h1>
    <p class="govuk-body">The project could not be loaded. Check your connection and try again later.</p>
    <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)}function re(){let e=new URLSearchParams(window.location.search),t=Q[e.get("done")];if(!t)return;let o=g("page-banner");c(o,G(t,"page-banner-title")),e.delete("done");let a=e.toString();window.history.replaceState(null,"",window.location.pathname+(a?"?"+a:"")+window.location.hash)}function G(e,t){return s`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="${t}" data-module="govuk-notification-banner">
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
</div>`}function k(e){return e?e.slug?s`<a class="govuk-link" href="/organisations/${e.slug}">${e.name}</a>`:s`${e.name}`:""}function M(e){return s`<a class="govuk-link" href="/projects/${e.slug}">${e.title}</a>`}function q(e){return String(e||"").split(/\n\s*\n/).map(t=>t.trim()).filter(Boolean).map(t=>s`<p class="govuk-body app-pre-wrap">${t}</p>`)}function u(e,t){return s`<div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">
      ${e}
    </dt>
    <dd class="govuk-summary-list__value">
      ${t}
    </dd>
  </div>`}function le(e){let t=e.expand||{},o=t.partners||[],a=e.seeking||[],n=Array.isArray(e.tags)?e.tags:[],i=(Array.isArray(e.links)?e.links:[]).filter(r=>Y(r?.url)),d=[u("Organisation",k(t.organisation)),o.length?u("Partners",o.length===1?k(o[0]):s`<ul class="govuk-list">${o.map(r=>s`<li>${k(r)}</li>`)}</ul>`):"",u("Phase",j(e.phase)),e.phaseStart?u("Phase started",v(e.phaseStart)):"",e.phaseEnd?u("Phase ends",v(e.phaseEnd)):"",e.nextAssessment?u("Next service assessment",v(e.nextAssessment)):"",u("Budget",W[e.budgetBand]||"Not known"),u("Looking for",a.length?s`<ul class="govuk-list govuk-list--bullet">${a.map(r=>s`<li>${A[r]||r}</li>`)}</ul>`:"Nothing at the moment"),n.length?u("Tags",s`<ul class="govuk-list">${n.map(r=>s`<li><a class="govuk-link" href="/projects?q=${encodeURIComponent(r)}">${r}</a></li>`)}</ul>`):"",e.contactName||e.contactEmail?u("Key contact",s`${e.contactName?s`<p class="govuk-body govuk-!-margin-bottom-1">${e.contactName}</p>`:""}
        ${e.contactEmail?s`<a class="govuk-link" href="mailto:${e.contactEmail}">${e.contactEmail}</a>`:""}`):"",i.length?u("Links",s`<ul class="govuk-list">${i.map(r=>s`<li><a class="govuk-link" href="${r.url}" rel="noopener">${r.label||r.url}</a></li>`)}</ul>`):"",t.continuedIn?u("Continued in",M(t.continuedIn)):"",(t.reuses||[]).length?u("Reuses",s`<ul class="govuk-list">${t.reuses.map(r=>s`<li>${M(r)}</li>`)}</ul>`):"",s`<div class="govuk-summary-list__row" id="last-confirmed-row">${z(e)}</div>`];return s`<dl class="govuk-summary-list">${d}</dl>`}function z(e){return s`<dt class="govuk-summary-list__key">
      Last confirmed
    </dt>
    <dd class="govuk-summary-list__value">
      ${v(e.lastConfirmedAt)||"Not yet"}
    </dd>`}function ce(e){let t=e.expand?.organisation;return s`<div id="page-banner"></div>
<span class="govuk-caption-l">${k(t)}</span>
<h1 class="govuk-heading-l">${e.title}</h1>
<div id="project-head"></div>
<p class="govuk-body-l">${e.summary}</p>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${le(e)}
    <div id="call"></div>
    ${e.description?s`<h2 class="govuk-heading-m">About the project</h2>${q(e.description)}`:""}
    ${ee(e)}
    <div id="reuse"></div>
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
</div>`}function K(e){let t=F(e);c(g("project-head"),s`<p class="govuk-body">
    <span class="govuk-visually-hidden">Phase: </span>${j(e.phase)}
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
</div>`:""}`);let o=document.getElementById("last-confirmed-row");o&&c(o,z(e))}function de(e){return e&&e[0].toLowerCase()+e.slice(1)}function ue(e){return Object.entries(e||{}).map(([t,o])=>{let a=de($[t]||t);return o>1?`${a} (${o} people)`:a}).join(", ")}async function H(e){let t=g("interest");try{let o=await l.send("/api/pipeline/projects/"+encodeURIComponent(e.id)+"/interest",{}),a=o.followers||0,n=o.organisations||[];if(!a){c(t,s`<p class="govuk-body">Nobody is following this project yet.</p>`);return}c(t,s`<p class="govuk-body">${a===1?"1 follower":`${a} followers`}</p>
      ${n.length?s`<ul class="govuk-list govuk-list--bullet">${n.map(i=>s`<li>${k(i)}: ${ue(i.kinds)}</li>`)}</ul>`:""}`)}catch{c(t,s`<p class="govuk-body">Who is interested could not be loaded. Try again later.</p>`)}}function ge(e){return!!e.phaseTo&&/^Moved from [a-z]+ to [a-z]+\.$/.test((e.body||"").trim())}async function pe(e){let t=g("updates");try{let o=await l.collection("updates").getFullList({filter:l.filter("project = {:p}",{p:e.id}),sort:"-created",expand:"author"});if(!o.length){c(t,s`<p class="govuk-body">No updates yet.</p>`);return}c(t,s`<ol class="app-timeline">${o.map(a=>s`<li class="app-timeline__item">
      <p class="govuk-body-s app-timeline__date govuk-!-margin-bottom-1">${v(a.created)}</p>
      ${a.phaseTo?s`<h3 class="govuk-heading-s govuk-!-margin-bottom-2">Moved from ${w[a.phaseFrom]||a.phaseFrom||"an earlier phase"} to ${w[a.phaseTo]||a.phaseTo}</h3>`:""}
      ${ge(a)?"":s`<p class="govuk-body app-pre-wrap govuk-!-margin-bottom-1">${a.body}</p>`}
      ${a.expand?.author?.name?s`<p class="govuk-body-s app-timeline__date">Posted by ${a.expand.author.name}</p>`:""}
    </li>`)}</ol>`)}catch{c(t,s`<p class="govuk-body">The updates could not be loaded. Try again later.</p>`)}}function f(e,t,o=!0){return s`<button type="button" class="govuk-button ${o?"govuk-button--secondary":""}" data-module="govuk-button" data-action="${e}">
  ${t}
</button>`}function _(e,t,o=!1){return s`<a href="${e}" role="button" draggable="false" class="govuk-button ${o?"govuk-button--secondary":""}" data-module="govuk-button">
  ${t}
</a>`}async function x(e,t=""){let o=g("actions"),a=m(),n=t?G(t,"actions-banner-title"):"",i;if(a?T()?y(e.organisation)?i=he(e):i=await ve(e):i=s`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body">You can follow and express interest once your organisation membership is approved.</p>
      <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`:i=s`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body"><a class="govuk-link" href="/sign-in?next=${encodeURIComponent(window.location.pathname)}">Sign in to follow or express interest</a></p>`,c(o,s`${n}${i}`),o.dataset.rendered)for(let d of[E,P,C,S])N(d,void 0,o);o.dataset.rendered="yes"}function he(e){let t=!!e.dormantSince||!e.owner,o="/projects/"+e.slug;return s`<h2 class="govuk-heading-m">Manage this project</h2>
    <div class="govuk-button-group">
      ${_(o+"/edit","Edit project")}
      ${_(o+"/update","Post an update",!0)}
    </div>
    <h3 class="govuk-heading-s">Is it still accurate?</h3>
    <p class="govuk-body">If nothing has changed, confirm it, so that other councils know it is current.</p>
    ${f("confirm","Confirm it is still accurate")}
    ${t?s`<h3 class="govuk-heading-s">Adopt this project</h3>
      <p class="govuk-body">${e.owner?"Nobody has looked after this project for a long time.":"This project has no owner."} Adopt it to become its owner: you will be asked to keep it up to date.</p>
      ${f("adopt","Adopt this project")}`:""}`}var p=null;async function me(e){try{return await l.collection("interests").getFirstListItem(l.filter("project = {:p} && user = {:u}",{p:e.id,u:m().id}))}catch(t){if(t?.status===404)return null;throw t}}async function ve(e){try{p=await me(e)}catch{return s`<h2 class="govuk-heading-m">Get involved</h2>
      <p class="govuk-body">Your interest in this project could not be loaded. Try again later.</p>`}let t=p,o=t&&t.state!=="withdrawn",a=e.expand?.organisation?.name||"the project's organisation",n=(e.partners||[]).includes(m().organisation)&&e.visibility==="published",i="";o&&t.kind==="following"?i=s`<p class="govuk-body">You are following this project. You will hear about its updates.</p>
      ${f("unfollow","Stop following")}`:o&&(i=s`<h3 class="govuk-heading-s">Your interest</h3>
      <dl class="govuk-summary-list">
        ${u("Interest",$[t.kind]||t.kind)}
        ${u("Status",B(t.state))}
      </dl>
      ${t.message?s`<details class="govuk-details">
  <summary class="govuk-details__summary">
    <span class="govuk-details__summary-text">
      Your message
    </span>
  </summary>
  <div class="govuk-details__text app-pre-wrap">${t.message}</div>
</details>`:""}
      ${f("withdraw","Withdraw")}`);let d=!t||!o||t.kind==="following";return s`<h2 class="govuk-heading-m">Get involved</h2>
    ${n?s`<p class="govuk-body">Your organisation is a partner in this project.</p>
      ${_("/projects/"+e.slug+"/update","Post an update",!0)}`:""}
    ${i}
    ${o?"":s`<p class="govuk-body">Follow the project to hear about its updates.</p>${f("follow","Follow")}`}
    ${d?ke(a):""}`}function ke(e){let t=Object.entries(D).map(([o,a],n)=>{let i=n?`f-kind-${o}`:"f-kind";return s`<div class="govuk-radios__item">
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
  </form>`}function X(e){let t=document.getElementById("interest-form");if(!t)return;let o=e.expand?.organisation?.name||"the project's organisation";h.handleForm(t,{validate(a){let n={};return D[a.kind]||(n.kind="Choose what your organisation's interest is"),(a.message||"").length>2e3&&(n.message="Your message must be 2,000 characters or fewer"),n},async save(a){let n={kind:a.kind,message:a.message||""};p?(p.state==="withdrawn"&&(n.state="open"),await l.collection("interests").update(p.id,n)):await l.collection("interests").create({project:e.id,...n}),h.clearErrors(t),await b(e,`Your interest has been sent to ${o}`)},messages:{kind:{validation_required:"Choose what your organisation's interest is"},message:{validation_max_text_constraint:"Your message must be 2,000 characters or fewer"}}})}async function b(e,t){await Promise.all([x(e,t),H(e)]),X(e)}async function fe(e,t){let o=e.target.closest("button[data-action]");if(!o||o.disabled)return;let a=o.dataset.action;o.setAttribute("disabled",""),o.setAttribute("aria-disabled","true");let n=g("actions");try{if(a==="confirm"||a==="adopt"){let i=await l.send("/api/pipeline/projects/"+encodeURIComponent(t.id)+"/"+a,{method:"POST"});Object.assign(t,{...i,expand:t.expand}),h.clearErrors(n),K(t),await x(t,a==="confirm"?"Thank you: the project is confirmed as accurate today":"You have adopted this project and are now its owner");return}a==="follow"?(p?await l.collection("interests").update(p.id,{kind:"following",message:"",state:"open"}):await l.collection("interests").create({project:t.id,kind:"following"}),h.clearErrors(n),await b(t,"You are now following this project")):a==="unfollow"&&p?(await l.collection("interests").delete(p.id),h.clearErrors(n),await b(t,"You have stopped following this project")):a==="withdraw"&&p&&(await l.collection("interests").update(p.id,{state:"withdrawn"}),h.clearErrors(n),await b(t,"Your interest has been withdrawn"))}catch(i){let d=h.errorsFrom(i);h.showErrors(n,{action:Object.values(d).join(" ")})}finally{o.isConnected&&(o.removeAttribute("disabled"),o.removeAttribute("aria-disabled"))}}export{V as default};
