import{b as L}from"./chunk.VAEIOEPD.js";import{a as z}from"./chunk.OLWZITTK.js";import{a as R,b as M,c as F,d as D}from"./chunk.LBEQU45H.js";import{a as H,b as G,d as B,f as Y,g as $}from"./chunk.GIJRUEDT.js";import{b as l,c as d,d as r}from"./chunk.UP4GBFVW.js";import{c as k,d as A,e as I,h as O}from"./chunk.2RJMAO74.js";var K="#00625e",b="#0b0c0c",_="govuk-button govuk-button--secondary govuk-!-font-size-16 govuk-!-margin-bottom-1",ae={1:"Asked if still accurate",2:"Reminded",3:"Admins copied"};async function se(){if(!O())return;let e=A();if(!I()||e.role!=="coordinator")return U();let[o,t]=await Promise.allSettled([k.send("/api/pipeline/stats",{}),k.send("/api/pipeline/coordinator/queues",{})]);if([o,t].some(n=>n.status==="rejected"&&(n.reason?.status===403||n.reason?.status===401)))return U();if(r("co-loading").remove(),r("co").hidden=!1,o.status==="fulfilled"){let n=o.value,i=ne(n.generatedAt);r("generated-at").textContent=i?`Figures worked out at ${i}. Refresh the page to see the latest.`:"",ie(n),re(n),ue(n.openCalls||[])}else{r("generated-at").remove();for(let n of["figures","phases","months","open-calls"])d(r(n),l`<p class="govuk-body">The network's figures could not be loaded. Refresh the page to try again.</p>`)}let s=t.status==="fulfilled"?t.value:null;if(!s){for(let n of["stale","interest","requests","clusters"])d(r(n),l`<p class="govuk-body">This queue could not be loaded. Refresh the page to try again.</p>`);return}let a={stale:s.staleProjects||[],interest:s.unansweredInterest||[],requests:s.membershipRequests||[],clusters:s.clusters||[],nudged:new Set};X(a),J(a),Q(a),V(a),he(a)}function U(){document.getElementById("co-loading")?.remove(),r("co").hidden=!0,r("not-allowed").hidden=!1}function h(e,o,t){return`${Number(e).toLocaleString("en-GB")} ${e===1?o:t}`}function ne(e){if(!e)return"";let o=new Date(e.replace(" ","T"));return Number.isNaN(o.getTime())?"":`${o.toLocaleTimeString("en-GB",{hour:"numeric",minute:"2-digit",hour12:!0,timeZone:"Europe/London"}).replace(/\s/g,"")} on ${$(e)}`}function le(e){return e<1?"Less than an hour":e<48?h(Math.round(e),"hour","hours"):h(Math.round(e/24),"day","days")}function m(e,o="long"){let[t,s]=e.split("-").map(Number),a=new Date(Date.UTC(t,s-1,1));return o==="long"?a.toLocaleDateString("en-GB",{month:"long",year:"numeric",timeZone:"UTC"}):a.toLocaleDateString("en-GB",{month:"short",timeZone:"UTC"})}function P(e){if(!e)return"";let o=e.title||e.name||"Untitled project";return e.slug?l`<a class="govuk-link" href="/projects/${e.slug}">${o}</a>`:l`${o}`}function T(e){return e?typeof e=="string"?l`${e}`:e.slug?l`<a class="govuk-link" href="/organisations/${e.slug}">${e.name}</a>`:l`${e.name}`:""}function y(e){return e?.title||e?.name||"the project"}function ie(e){let o=e.freshness||{},t=e.interest||{},s=(e.openCalls||[]).length,a=(i,c,p)=>l`<div class="govuk-summary-list__row${p?"":" govuk-summary-list__row--no-actions"}">
    <dt class="govuk-summary-list__key">${i}</dt>
    <dd class="govuk-summary-list__value">${c}</dd>
    ${p?l`<dd class="govuk-summary-list__actions"><a class="govuk-link" href="${p.href}">${p.text}<span class="govuk-visually-hidden"> ${p.hidden}</span></a></dd>`:""}
  </div>`,n=t.total>0?Math.round((t.responseRate??t.answered/t.total)*100):null;d(r("figures"),l`<dl class="govuk-summary-list">
    ${a("Projects up to date",h(o.active||0,"published project","published projects"))}
    ${a("Projects being chased",l`${h(o.stale||0,"project","projects")} not confirmed as still accurate`,o.stale?{href:"#stale-heading",text:"See them",hidden:"in projects going quiet"}:null)}
    ${a("Dormant projects",l`${h(o.dormant||0,"project","projects")} with no answer to the chase`,o.dormant?{href:"#stale-heading",text:"See them",hidden:"in projects going quiet"}:null)}
    ${a("Interest answered",n===null?"No interest registered yet":l`<strong>${n}%</strong> of interest answered (${Number(t.answered||0).toLocaleString("en-GB")} of ${Number(t.total).toLocaleString("en-GB")})`,n!==null&&n<100?{href:"#interest-heading",text:"See waiting interest",hidden:"for more than 7 days"}:null)}
    ${a("Median time to first response",t.answered>0?le(t.medianHoursToFirstResponse||0):"No interest answered yet")}
    ${a("Organisations active in the last 90 days",h(e.activeOrganisations90d||0,"organisation","organisations"))}
    ${a("Open partner calls",h(s,"open call","open calls"),s?{href:"#calls-heading",text:"See them",hidden:"in open partner calls"}:null)}
  </dl>`)}function re(e){let o=0,t=()=>{let a=r("phases").clientWidth;a!==o&&(o=a,ce(e.projectsByPhase||{},Z(a)),de(e.newProjectsByMonth||[],Z(a)))};t();let s;window.addEventListener("resize",()=>{clearTimeout(s),s=setTimeout(t,200)})}function Z(e){return Math.max(280,Math.min(640,Math.floor(e||640)))}function ce(e,o){let t=H.map(u=>({label:G[u],count:Number(e[u]||0)})),s=Math.max(1,...t.map(u=>u.count)),a=40,n=100,i=o-n-50,c=t.length*a+8,p=t.map(u=>`${u.label} ${u.count}`).join(", ");d(r("phases"),l`<svg class="govuk-!-margin-bottom-4" role="img" aria-labelledby="phases-chart-title" viewBox="0 0 ${o} ${c}" width="${o}" height="${c}" focusable="false" font-family="arial, sans-serif" font-size="16">
      <title id="phases-chart-title">Bar chart of published projects by phase: ${p}. The same figures are in the table that follows.</title>
      <line x1="${n}" x2="${n}" y1="0" y2="${c}" stroke="${b}" stroke-width="1"></line>
      ${t.map((u,w)=>{let v=w*a+4,f=Math.round(u.count/s*i);return l`<text x="${n-10}" y="${v+a/2}" text-anchor="end" dominant-baseline="middle" fill="${b}">${u.label}</text>
          <rect x="${n}" y="${v+6}" width="${f}" height="${a-12}" fill="${K}"></rect>
          <text x="${n+f+8}" y="${v+a/2}" dominant-baseline="middle" fill="${b}" font-weight="bold">${u.count}</text>`})}
    </svg>
  <table class="govuk-table">
    <caption class="govuk-table__caption govuk-table__caption--s">Published projects by phase</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Phase</th>
        <th scope="col" class="govuk-table__header govuk-table__header--numeric">Projects</th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${t.map(u=>l`<tr class="govuk-table__row">
        <th scope="row" class="govuk-table__header">${u.label}</th>
        <td class="govuk-table__cell govuk-table__cell--numeric">${u.count}</td>
      </tr>`)}
    </tbody>
  </table>`)}function de(e,o){let t=e.map(g=>({month:g.month,count:Number(g.count||0)}));if(!t.length){d(r("months"),l`<p class="govuk-body">There are no figures for new projects yet.</p>`);return}let s=Math.max(1,...t.map(g=>g.count)),a=o<480,n=8,i=28,c=200,p=250,u=(o-n*2)/t.length,w=Math.round(u*.6),v=t[0].month,f=t[t.length-1].month,te=t.map(g=>`${m(g.month)} ${g.count}`).join(", ");d(r("months"),l`<svg class="govuk-!-margin-bottom-4" role="img" aria-labelledby="months-chart-title" viewBox="0 0 ${o} ${p}" width="${o}" height="${p}" focusable="false" font-family="arial, sans-serif" font-size="${a?13:16}">
      <title id="months-chart-title">Bar chart of published projects by the month they were added, ${m(v)} to ${m(f)}: ${te}. The same figures are in the table that follows.</title>
      ${t.map((g,E)=>{let j=n+u*E+u/2,q=Math.round(g.count/s*(c-i)),oe=!a&&(E===0||g.month.endsWith("-01"));return l`<rect x="${Math.round(j-w/2)}" y="${c-q}" width="${w}" height="${q}" fill="${K}"></rect>
          <text x="${j}" y="${c-q-8}" text-anchor="middle" fill="${b}" font-weight="bold">${g.count}</text>
          <text x="${j}" y="${c+20}" text-anchor="middle" fill="${b}">${a?m(g.month,"short").slice(0,3):m(g.month,"short")}</text>
          ${oe?l`<text x="${j}" y="${c+40}" text-anchor="middle" fill="${b}">${g.month.slice(0,4)}</text>`:""}`})}
      ${a?l`<text x="${o/2}" y="${c+42}" text-anchor="middle" fill="${b}">${m(v)} to ${m(f)}</text>`:""}
      <line x1="${n}" x2="${o-n}" y1="${c}" y2="${c}" stroke="${b}" stroke-width="1"></line>
    </svg>
  <table class="govuk-table">
    <caption class="govuk-table__caption govuk-table__caption--s">Published projects by the month they were added, ${m(v)} to ${m(f)}</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Month</th>
        <th scope="col" class="govuk-table__header govuk-table__header--numeric">New projects</th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${t.map(g=>l`<tr class="govuk-table__row">
        <th scope="row" class="govuk-table__header">${m(g.month)}</th>
        <td class="govuk-table__cell govuk-table__cell--numeric">${g.count}</td>
      </tr>`)}
    </tbody>
  </table>`)}function ue(e){let o=r("open-calls");if(!e.length){d(o,l`<p class="govuk-body">There are no open partner calls.</p>`);return}d(o,l`<div class="app-table-wrapper"><table class="govuk-table">
    <caption class="govuk-table__caption govuk-visually-hidden">Open partner calls, closing soonest first</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Project</th>
        <th scope="col" class="govuk-table__header">Organisation</th>
        <th scope="col" class="govuk-table__header">Progress</th>
        <th scope="col" class="govuk-table__header">Closes</th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${e.map(t=>{let s=Math.max(0,Math.min(100,Number(t.progress||0)));return l`<tr class="govuk-table__row">
        <td class="govuk-table__cell">${P(t.project)}</td>
        <td class="govuk-table__cell">${T(t.organisation)}</td>
        <td class="govuk-table__cell">
          <strong>${s}%</strong> of the goal pledged
          <progress class="app-progress" max="100" value="${s}" aria-label="Progress of the partner call for ${y(t.project)}"></progress>
          <span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${z(t).join("; ")}</span>
        </td>
        <td class="govuk-table__cell">${$(t.deadline)}</td>
      </tr>`})}
    </tbody>
  </table></div>`)}function X(e){let o=r("stale");if(!e.stale.length){d(o,l`<p class="govuk-body">No published project is going quiet.</p>`);return}d(o,l`<p class="govuk-body">${h(e.stale.length,"project","projects")}, dormant first, then the longest chased.</p>
  <div class="app-table-wrapper"><table class="govuk-table">
    <caption class="govuk-table__caption govuk-visually-hidden">Projects going quiet</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Project</th>
        <th scope="col" class="govuk-table__header">Organisation</th>
        <th scope="col" class="govuk-table__header">Stage</th>
        <th scope="col" class="govuk-table__header">Last activity</th>
        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${e.stale.map(t=>l`<tr class="govuk-table__row" data-row="project:${t.id}">
        <td class="govuk-table__cell">${P(t)}</td>
        <td class="govuk-table__cell">${T(t.organisation)}</td>
        <td class="govuk-table__cell">${t.dormantSince?l`<strong class="govuk-tag govuk-tag--grey">Dormant</strong><span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">since ${$(t.dormantSince)}</span>`:ae[t.chaseStage]||`Stage ${t.chaseStage}`}</td>
        <td class="govuk-table__cell">${$(t.lastActivityAt)||"None"}</td>
        <td class="govuk-table__cell">
          <button type="button" class="${_}" data-module="govuk-button" data-action="nudge-project" data-id="${t.id}">
            Nudge<span class="govuk-visually-hidden"> the team behind ${t.title}</span>
          </button>
          ${e.nudged.has("project:"+t.id)?l`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Nudge sent</span>`:""}
        </td>
      </tr>`)}
    </tbody>
  </table></div>`)}function J(e){let o=r("interest");if(!e.interest.length){d(o,l`<p class="govuk-body">No interest has been waiting more than 7 days for an answer.</p>`);return}d(o,l`<p class="govuk-body">${h(e.interest.length,"piece of interest","pieces of interest")}, longest waiting first.</p>
  <div class="app-table-wrapper"><table class="govuk-table">
    <caption class="govuk-table__caption govuk-visually-hidden">Interest waiting more than 7 days for an answer</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Project</th>
        <th scope="col" class="govuk-table__header">From</th>
        <th scope="col" class="govuk-table__header">Kind</th>
        <th scope="col" class="govuk-table__header govuk-table__header--numeric">Days waiting</th>
        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${e.interest.map(t=>l`<tr class="govuk-table__row" data-row="interest:${t.id}">
        <td class="govuk-table__cell">${P(t.project)}${t.organisation?.name?l`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${t.organisation.name}</span>`:""}</td>
        <td class="govuk-table__cell">${t.from}</td>
        <td class="govuk-table__cell">${B[t.kind]||t.kind}</td>
        <td class="govuk-table__cell govuk-table__cell--numeric">${t.days}</td>
        <td class="govuk-table__cell">
          <button type="button" class="${_}" data-module="govuk-button" data-action="nudge-interest" data-id="${t.id}">
            Nudge<span class="govuk-visually-hidden"> the team behind ${y(t.project)} to answer ${t.from}</span>
          </button>
          ${e.nudged.has("interest:"+t.id)?l`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Nudge sent</span>`:""}
        </td>
      </tr>`)}
    </tbody>
  </table></div>`)}function Q(e){let o=r("requests");if(!e.requests.length){d(o,l`<p class="govuk-body">No one is waiting to join an organisation with no admin.</p>`);return}d(o,l`<div class="app-table-wrapper"><table class="govuk-table">
    <caption class="govuk-table__caption govuk-visually-hidden">Requests to join organisations with no admin, oldest first</caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Name</th>
        <th scope="col" class="govuk-table__header">Email address</th>
        <th scope="col" class="govuk-table__header">Organisation</th>
        <th scope="col" class="govuk-table__header">Asked</th>
        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${e.requests.map(t=>l`<tr class="govuk-table__row">
        <td class="govuk-table__cell">${t.name}</td>
        <td class="govuk-table__cell">${t.email||"Hidden"}</td>
        <td class="govuk-table__cell">${T(t.organisation)}</td>
        <td class="govuk-table__cell">${$(t.created)}</td>
        <td class="govuk-table__cell">
          <button type="button" class="${_}" data-module="govuk-button" data-action="approve" data-id="${t.id}">
            Approve<span class="govuk-visually-hidden"> ${t.name}</span>
          </button>
          <button type="button" class="${_}" data-module="govuk-button" data-action="decline" data-id="${t.id}">
            Decline<span class="govuk-visually-hidden"> ${t.name}</span>
          </button>
        </td>
      </tr>`)}
    </tbody>
  </table></div>`)}function V(e){let o=r("clusters");if(!e.clusters.length){d(o,l`<p class="govuk-body">No similar work in three or more councils has been found.</p>`);return}d(o,l`${e.clusters.map((t,s)=>l`<div class="app-card" data-cluster="${s}">
    <h3 class="govuk-heading-s app-card__title">Group ${s+1}: ${h(t.projects.length,"project","projects")} in ${h(t.organisations,"organisation","organisations")}</h3>
    <ul class="govuk-list govuk-list--bullet">
      ${t.projects.map(a=>l`<li>${P(a)}, ${T(a.organisation)} ${a.phase?Y(a.phase):""}</li>`)}
    </ul>
    <button type="button" class="${_}" data-module="govuk-button" data-action="introduce" data-id="${s}">
      Introduce them<span class="govuk-visually-hidden">: the owners of ${ge(t.projects.map(y))}</span>
    </button>
    ${e.nudged.has("cluster:"+s)?l`<p class="govuk-body-s govuk-!-margin-bottom-0">Introduction sent</p>`:""}
  </div>`)}`)}function ge(e){return e.length<=1?e.join(""):`${e.slice(0,-1).join(", ")} and ${e[e.length-1]}`}function he(e){let o=r("co");o.addEventListener("click",async t=>{let s=t.target.closest("button[data-action]");if(!s||!o.contains(s)||s.disabled)return;let{action:a,id:n}=s.dataset;if(a==="cancel")return S(!0);if(a==="nudge-project"){let i=e.stale.find(c=>c.id===n);i&&C(s,pe(e,i))}else if(a==="nudge-interest"){let i=e.interest.find(c=>c.id===n);i&&C(s,me(e,i))}else if(a==="introduce"){let i=e.clusters[Number(n)];i&&C(s,be(e,i,Number(n)))}else(a==="approve"||a==="decline")&&await ve(e,s,a)})}function pe(e,o){let t=$(o.lastActivityAt),s=o.dormantSince?`Hello,

${o.title} has been marked as dormant on Pipeline because no one confirmed it was still accurate. If the work is carrying on, please post a short update so that other councils can see it is active again. If it has stopped, please mark it as retired, so that no one waits on it.

Thank you.`:`Hello,

Is ${o.title} still accurate on Pipeline? ${t?`There has been no activity on it since ${t}. `:""}Other councils look to Pipeline to see what is happening, so please confirm it is still accurate, post a short update, or change its phase if things have moved on.

Thank you.`;return{colspan:5,label:`Message to the team behind ${o.title}`,hint:"Pipeline sends it to the project's owner and contact, with your name. You can change it.",message:s,submit:l`Send nudge<span class="govuk-visually-hidden"> about ${o.title}</span>`,send:a=>k.send("/api/pipeline/coordinator/nudge",{method:"POST",body:{project:o.id,message:a}}),done:a=>{e.nudged.add("project:"+o.id),X(e),W(a,o.title)}}}function me(e,o){let t=y(o.project),s=(B[o.kind]||"").toLowerCase(),a=`Hello,

${o.from} registered interest in ${t}${s?` (${s})`:""} ${o.days} days ago and is still waiting for an answer. Please reply to them from My Pipeline, even if only to say you cannot help right now: councils stop using Pipeline when their interest goes unanswered.

Thank you.`;return{colspan:5,label:`Message to the team behind ${t}`,hint:"Pipeline sends it to the project's owner and contact, with your name. You can change it.",message:a,submit:l`Send nudge<span class="govuk-visually-hidden"> about ${t}</span>`,send:n=>k.send("/api/pipeline/coordinator/nudge",{method:"POST",body:{interest:o.id,message:n}}),done:n=>{e.nudged.add("interest:"+o.id),J(e),W(n,t)}}}function be(e,o,t){let a=`Hello,

Your councils are working on similar things:

${o.projects.map(n=>`- ${y(n)}${n.organisation?.name?` (${n.organisation.name})`:""}`).join(`
`)}

You might save time and money by comparing notes, sharing research or working together. Links to each project and its contact follow this message.

Thank you.`;return{label:`Message to the owners of these ${o.projects.length} projects`,hint:"Pipeline sends it to each project's owner, with links to the other projects and your name. You can change it.",message:a,submit:l`Send introduction<span class="govuk-visually-hidden"> to the owners of group ${t+1}</span>`,send:n=>k.send("/api/pipeline/coordinator/introduce",{method:"POST",body:{projects:o.projects.map(i=>i.id),message:n}}),done:n=>{e.nudged.add("cluster:"+t),V(e);let i=typeof n?.told=="number"?n.told:o.projects.length;N(`Introduction sent to ${h(i,"owner","owners")}`)}}}function W(e,o){if(typeof e?.told=="number"&&e.told===0){N(`No one was told about ${o}: it has no owner, organisation admin or contact to send the nudge to`,!1);return}N("Nudge sent",!0,typeof e?.told=="number"?`Pipeline has sent your message about ${o} to ${h(e.told,"person","people")}.`:"")}var x=null;function S(e){if(!x)return;let{el:o,opener:t}=x;x=null,o.remove(),M(document.getElementById("co")),e&&t.isConnected&&t.focus()}function C(e,o){S(!1),ee();let t=l`<form id="message-form" novalidate>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="f-message">${o.label}</label>
      <div class="govuk-hint" id="f-message-hint">${o.hint}</div>
      <textarea class="govuk-textarea" id="f-message" name="message" rows="9" aria-describedby="f-message-hint">${o.message}</textarea>
    </div>
    <div class="govuk-button-group">
      <button type="submit" class="govuk-button" data-module="govuk-button">${o.submit}</button>
      <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-action="cancel">Cancel</button>
    </div>
  </form>`,s=document.createElement("template");o.colspan?(d(s,l`<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="${o.colspan}">${t}</td></tr>`),e.closest("tr").after(s.content.firstElementChild)):(d(s,l`<div class="govuk-!-margin-top-4">${t}</div>`),e.after(s.content.firstElementChild)),x={el:o.colspan?e.closest("tr").nextElementSibling:e.nextElementSibling,opener:e};let n=r("message-form");D(n,{validate:c=>c.message?{}:{message:"Write a message"},messages:{message:{default:"Write a message"}},save:async c=>{let p=await o.send(c.message);S(!1),o.done(p)}});let i=r("f-message");i.focus(),i.setSelectionRange(0,0),i.scrollTop=0}async function ve(e,o,t){let s=e.requests.findIndex(i=>i.id===o.dataset.id);if(s<0)return;let a=e.requests[s],n=a.organisation?.name||"their organisation";o.disabled=!0,o.setAttribute("aria-disabled","true");try{await k.collection("users").update(a.id,{membership:t==="approve"?"approved":"declined"}),e.requests.splice(s,1),S(!1),Q(e),N(t==="approve"?`${a.name} is now a member of ${n}`:`You have declined ${a.name}'s request to join ${n}`)}catch(i){ee(),F(r("requests"),R(i))}finally{o.isConnected&&(o.disabled=!1,o.removeAttribute("aria-disabled"))}}function ee(){document.querySelector("#co [data-banner]")?.replaceChildren()}function N(e,o=!0,t=""){M(r("co"));let s=document.querySelector("#co [data-banner]");d(s,l`<div class="govuk-notification-banner${o?" govuk-notification-banner--success":""}" role="alert" aria-labelledby="co-banner-title" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="co-banner-title">${o?"Success":"Important"}</h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">${e}</p>
    ${t?l`<p class="govuk-body">${t}</p>`:""}
  </div>
</div>`),new L(s.firstElementChild)}export{se as default};
