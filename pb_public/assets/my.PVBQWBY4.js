import{b as R}from"./chunk.UZEJGEPK.js";import{b as w}from"./chunk.3KVYRXTE.js";import{a as _,b as N,c as y}from"./chunk.EFSJZ272.js";import{e as j,g as C,h as x,i as f,j as T,k as L}from"./chunk.JNNZNCOC.js";import"./chunk.E66GC2FU.js";import{b as u,c as Y,d as m,g as A}from"./chunk.4EBPNJUS.js";import{a as S,b as F,c as q,e as I}from"./chunk.72PWGZHD.js";import{b as s,c as g,d as p}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";async function O(){if(!A())return;let n=Y(),c=await E(n);B(n,c),await Promise.all([D(n),z(n),V(n),G(n),H(n)])}async function E(n){if(!n.organisation)return null;try{return await u.collection("organisations").getOne(n.organisation)}catch{return null}}function k(n,c){F(n),_();let l=n.querySelector("[data-banner]"),e=`${n.id}-banner-title`;N(l,e,c)}function $(n,c){_(),q(n,S(c))}function P(n,c,l){return`${n} ${n===1?c:l}`}var v="govuk-button govuk-button--secondary govuk-!-font-size-16 govuk-!-margin-bottom-1";function B(n,c){if(m())return;let l=p("membership"),e=c?.name,d;n.membership==="declined"?d=e?s`Your request to join ${e} was declined. If you think this is a mistake, talk to your organisation's Pipeline admin, or <a class="govuk-link" href="/join">ask to join an organisation</a> again.`:s`Your request to join an organisation was declined. You can <a class="govuk-link" href="/join">ask to join an organisation</a> again.`:n.organisation?n.verified?d=s`You have asked to join ${e||"an organisation"}. An admin of ${e||"the organisation"} or a Pipeline coordinator needs to approve you before you can add projects or express interest. We will email you when they do. <a class="govuk-link" href="/join">Change your organisation</a>.`:d=s`You have asked to join ${e||"an organisation"}. Confirm your email address first, using the link in the email we sent you; then an admin of ${e||"the organisation"} or a Pipeline coordinator can approve you. <a class="govuk-link" href="/join">Change your organisation</a>.`:d=s`You are not a member of an organisation yet. <a class="govuk-link" href="/join">Choose your organisation</a> so that you can add projects and express interest in other councils' work.`,g(l,s`<div class="govuk-inset-text">
  ${d}
</div>`)}async function D(n){let c=p("projects"),l=p("projects-list");if(!m()||!n.organisation){g(l,s`<p class="govuk-body">${n.role==="coordinator"&&m()?"You are a coordinator and do not belong to an organisation, so you have no projects here.":"Your organisation's projects will be listed here once you are an approved member of it."}</p>`);return}let e;try{e=await u.collection("projects").getFullList({filter:u.filter("organisation = {:o}",{o:n.organisation}),sort:"-lastActivityAt"})}catch{g(l,s`<p class="govuk-body">Your organisation's projects could not be loaded. Refresh the page to try again.</p>`);return}let d=()=>{if(!e.length){g(l,s`<p class="govuk-body">Your organisation has no projects yet.</p>`);return}let a=e.filter(t=>t.visibility==="published"&&(t.dormantSince||t.chaseStage>0)).length;g(l,s`${a?s`<p class="govuk-body">${P(a,"published project needs","published projects need")} confirming. Check ${a===1?"it is":"they are"} still accurate, or update ${a===1?"it":"them"}.</p>`:""}
<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">Your organisation's projects, most recently active first</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Project</th>
      <th scope="col" class="govuk-table__header">Phase</th>
      <th scope="col" class="govuk-table__header">Visibility</th>
      <th scope="col" class="govuk-table__header">Freshness</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${e.map(t=>s`<tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="/projects/${t.slug}">${t.title}</a></td>
      <td class="govuk-table__cell">${C(t.phase)}</td>
      <td class="govuk-table__cell">${t.visibility==="published"?"Published":"Draft"}</td>
      <td class="govuk-table__cell">${t.phase==="retired"&&!t.dormantSince?"Retired: no need to confirm":T(t)}<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-2 govuk-!-margin-bottom-0">${L(t)}</span></td>
      <td class="govuk-table__cell">
        ${t.phase!=="retired"||t.dormantSince?s`<button type="button" class="${v}" data-module="govuk-button" data-action="confirm" data-id="${t.id}">
          Confirm still accurate<span class="govuk-visually-hidden">: ${t.title}</span>
        </button>`:""}
        ${t.dormantSince||!t.owner?s`<button type="button" class="${v}" data-module="govuk-button" data-action="adopt" data-id="${t.id}">
          Adopt<span class="govuk-visually-hidden"> ${t.title}</span>
        </button>`:""}
      </td>
    </tr>`)}
  </tbody>
</table></div>`)};d(),y(l,async a=>{let t=e.findIndex(o=>o.id===a.dataset.id);if(t<0)return;let i=a.dataset.action;try{let o=await u.send(`/api/pipeline/projects/${encodeURIComponent(e[t].id)}/${i}`,{method:"POST"});e[t]={...e[t],...o},d(),k(c,i==="adopt"?`You have adopted ${e[t].title}: you are now its owner, and it is confirmed as still accurate`:`${e[t].title} is confirmed as still accurate`)}catch(o){$(c,o)}})}var W={open:["acknowledged","collaborating","declined"],acknowledged:["collaborating","declined"],collaborating:["declined"]},U={acknowledged:"Acknowledge",collaborating:"Collaborate",declined:"Decline"};function b(n){let c=n.expand?.user?.name,l=n.expand?.organisation?.name;return[c,l].filter(Boolean).join(", ")||"Someone"}async function z(n){let c=p("interest-received"),l=p("received-list");if(!m()||!n.organisation){g(l,s`<p class="govuk-body">No interest yet. Interest in your organisation's projects will appear here once you are an approved member of it.</p>`);return}let e;try{e=await u.collection("interests").getFullList({filter:u.filter('project.organisation = {:o} && kind != "following"',{o:n.organisation}),expand:"project,user,organisation",sort:"-created"})}catch{g(l,s`<p class="govuk-body">Interest in your projects could not be loaded. Refresh the page to try again.</p>`);return}let d=()=>{if(!e.length){g(l,s`<p class="govuk-body">No interest yet. When officers in other organisations express interest in your projects, it will appear here.</p>`);return}let a=e.filter(t=>t.state==="open").length;g(l,s`<p class="govuk-body">${a?`${a} waiting for a reply.`:"Nothing is waiting for a reply."}</p>
<ul class="govuk-list">${e.map(t=>{let i=t.expand?.project,o=i?.title||"A project";return s`<li class="app-card">
  <h3 class="govuk-heading-s app-card__title">${i?s`<a class="govuk-link" href="/projects/${i.slug}">${o}</a>`:o}</h3>
  <dl class="govuk-summary-list">
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        From
      </dt>
      <dd class="govuk-summary-list__value">
        ${b(t)}
      </dd>
    </div>
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        Interest
      </dt>
      <dd class="govuk-summary-list__value">
        ${j[t.kind]||t.kind}
      </dd>
    </div>
    ${t.message?s`<div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        Message
      </dt>
      <dd class="govuk-summary-list__value app-pre-wrap">${t.message}</dd>
    </div>`:""}
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        Sent
      </dt>
      <dd class="govuk-summary-list__value">
        ${f(t.created)}
      </dd>
    </div>
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        Status
      </dt>
      <dd class="govuk-summary-list__value">
        ${x(t.state)}
      </dd>
    </div>
  </dl>
  ${W[t.state]?s`<div class="govuk-button-group">${W[t.state].map(r=>s`
    <button type="button" class="${v}" data-module="govuk-button" data-action="answer" data-id="${t.id}" data-state="${r}">
      ${U[r]}<span class="govuk-visually-hidden"> the interest from ${b(t)} in ${o}</span>
    </button>`)}
  </div>`:""}
</li>`})}</ul>`)};d(),y(l,async a=>{let t=e.findIndex(o=>o.id===a.dataset.id);if(t<0)return;let i=a.dataset.state;try{let o=await u.collection("interests").update(e[t].id,{state:i},{expand:"project,user,organisation"}),r=e[t];e[t]={...r,...o,expand:{...r.expand,...o.expand}},d();let h=e[t].expand?.project?.title||"your project";k(c,{acknowledged:`You have acknowledged the interest from ${b(e[t])} in ${h}`,collaborating:`You are now collaborating with ${b(e[t])} on ${h}`,declined:`You have declined the interest from ${b(e[t])} in ${h}`}[i])}catch(o){$(c,o)}})}async function V(n){let c=p("interest-sent"),l=p("sent-list"),e;try{e=await u.collection("interests").getFullList({filter:u.filter("user = {:u}",{u:n.id}),expand:"project,project.organisation",sort:"-created"})}catch{g(l,s`<p class="govuk-body">The interest you have sent could not be loaded. Refresh the page to try again.</p>`);return}let d=()=>{if(!e.length){g(l,s`<p class="govuk-body">You have not followed or expressed interest in any projects yet.</p>`);return}g(l,s`<div class="app-table-wrapper"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-visually-hidden">Projects you follow or have expressed interest in, newest first</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Project</th>
      <th scope="col" class="govuk-table__header">Interest</th>
      <th scope="col" class="govuk-table__header">Status</th>
      <th scope="col" class="govuk-table__header">Sent</th>
      <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Actions</span></th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${e.map(a=>{let t=a.expand?.project,i=t?.title||"A project you can no longer see",o=a.kind==="following",r="";return o?r=s`<button type="button" class="${v}" data-module="govuk-button" data-action="unfollow" data-id="${a.id}">
          Stop following<span class="govuk-visually-hidden"> ${i}</span>
        </button>`:a.state!=="withdrawn"?r=s`<button type="button" class="${v}" data-module="govuk-button" data-action="withdraw" data-id="${a.id}">
          Withdraw<span class="govuk-visually-hidden"> your interest in ${i}</span>
        </button>`:r=s`<button type="button" class="${v}" data-module="govuk-button" data-action="renew" data-id="${a.id}">
          Renew<span class="govuk-visually-hidden"> your interest in ${i}</span>
        </button>`,s`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${t?s`<a class="govuk-link" href="/projects/${t.slug}">${i}</a>`:i}${t?.expand?.organisation?.name?s`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${t.expand.organisation.name}</span>`:""}</td>
      <td class="govuk-table__cell">${j[a.kind]||a.kind}</td>
      <td class="govuk-table__cell">${o?"No reply needed":x(a.state)}</td>
      <td class="govuk-table__cell">${f(a.created)}</td>
      <td class="govuk-table__cell">${r}</td>
    </tr>`})}
  </tbody>
</table></div>`)};d(),y(l,async a=>{let t=e.findIndex(o=>o.id===a.dataset.id);if(t<0)return;let i=e[t].expand?.project?.title||"the project";try{if(a.dataset.action==="unfollow"){await u.collection("interests").delete(e[t].id),e.splice(t,1),d(),k(c,`You are no longer following ${i}`);return}let o=a.dataset.action==="withdraw"?"withdrawn":"open",r=await u.collection("interests").update(e[t].id,{state:o});e[t]={...e[t],...r,expand:e[t].expand},d(),k(c,o==="withdrawn"?`You have withdrawn your interest in ${i}`:`You have renewed your interest in ${i}: it is waiting for a reply`)}catch(o){$(c,o)}})}async function G(n){let c=p("notifications"),l=p("notifications-list"),e=u.filter('user = {:u} && readAt = ""',{u:n.id}),d,a;try{let[i,o]=await Promise.all([u.collection("notifications").getList(1,50,{filter:u.filter("user = {:u}",{u:n.id}),sort:"-created"}),u.collection("notifications").getList(1,1,{filter:e,fields:"id"})]);d=i.items,a=o.totalItems}catch{g(l,s`<p class="govuk-body">Your notifications could not be loaded. Refresh the page to try again.</p>`);return}let t=()=>{if(!d.length){g(l,s`<p class="govuk-body">No notifications yet. We will tell you here when there is news about your projects or your interest.</p>`);return}g(l,s`<p class="govuk-body">${a?`You have ${P(a,"unread notification","unread notifications")}.`:"You have no unread notifications."}</p>
${a?s`<button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-action="read-all">
  Mark all as read
</button>`:""}
<ul class="govuk-list">${d.map(i=>{let o=R(i.url);return s`<li class="app-card">
  <h3 class="govuk-heading-s app-card__title">${i.readAt?"":s`<strong class="govuk-tag govuk-!-margin-right-1">New</strong> `}${o?s`<a class="govuk-link" href="${o}" data-read="${i.readAt?"":i.id}">${i.title}</a>`:i.title}</h3>
  <p class="govuk-body-s app-card__meta">${f(i.created)}</p>
  ${i.body?s`<p class="govuk-body app-pre-wrap">${i.body}</p>`:""}
</li>`})}</ul>
${d.length===50?s`<p class="govuk-body">These are your latest 50 notifications.</p>`:""}`)};t(),l.addEventListener("click",i=>{let o=i.target.closest("a[data-read]");if(!o||!o.dataset.read)return;let r=d.find(h=>h.id===o.dataset.read);!r||r.readAt||(r.readAt=M(),a=Math.max(0,a-1),w(a),u.collection("notifications").update(r.id,{readAt:r.readAt},{keepalive:!0}).catch(()=>{}),o.getAttribute("href").startsWith("/my#")&&t())}),y(l,async()=>{try{let i=await u.collection("notifications").getFullList({filter:e,fields:"id"}),o=M();await Promise.all(i.map(r=>u.collection("notifications").update(r.id,{readAt:o}))),d.forEach(r=>{r.readAt||(r.readAt=o)}),a=0,t(),w(0),k(c,`${P(i.length,"notification is","notifications are")} marked as read`)}catch(i){$(c,i)}})}function M(){return new Date().toISOString().replace("T"," ")}async function H(n){let c=p("settings"),l=p("settings-form"),e=p("muted"),d=[],a=n;try{a=await u.collection("users").getOne(n.id,{expand:"mutedProjects"})}catch{}let t=o=>{let r=l.querySelector(`input[name="emailFrequency"][value="${CSS.escape(o||"")}"]`);r&&(r.checked=!0)};t(a.emailFrequency);let i=()=>{let o=Object.fromEntries((a.expand?.mutedProjects||[]).map(r=>[r.id,r.title]));if(d=a.mutedProjects||[],!d.length){g(e,s`<h3 class="govuk-heading-s">Muted projects</h3>
<p class="govuk-body">You have not muted any projects. To stop emails about one project, use the “Stop emails about” link at the bottom of any email about it.</p>`);return}g(e,s`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-mutedProjects-hint">
  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
    Muted projects
  </legend>
  <div id="f-mutedProjects-hint" class="govuk-hint">
    You get no emails about these projects. Untick a project to get emails about it again. To mute another project, use the “Stop emails about” link at the bottom of any email about it.
  </div>
  <div class="govuk-checkboxes" data-module="govuk-checkboxes">
    ${d.map((r,h)=>s`<div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="f-mutedProjects${h?`-${h+1}`:""}" name="mutedProjects" type="checkbox" value="${r}" checked>
      <label class="govuk-label govuk-checkboxes__label" for="f-mutedProjects${h?`-${h+1}`:""}">
        ${o[r]||"A project you can no longer see"}
      </label>
    </div>`)}
  </div>
</fieldset>
</div>`)};i(),I(l,{validate:o=>(_(),o.emailFrequency?{}:{emailFrequency:"Choose how often Pipeline should email you"}),messages:{emailFrequency:{default:"Choose how often Pipeline should email you"}},save:async o=>{let r={emailFrequency:o.emailFrequency};d.length&&(r.mutedProjects=o.mutedProjects||[]),a=await u.collection("users").update(n.id,r,{expand:"mutedProjects"}),t(a.emailFrequency),i(),k(c,"Your email settings are saved")}})}export{O as default};
