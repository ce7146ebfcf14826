import{b as w}from"./chunk.VA32OGCI.js";import{a as _,b as L,c as b}from"./chunk.M7WSRE2S.js";import"./chunk.VAEIOEPD.js";import{a as S,b as F,c as q,d as I}from"./chunk.LBEQU45H.js";import{d as j,f as C,g as x,h as f,i as W,j as T}from"./chunk.A3JAQMJR.js";import{b as n,c as g,d as p}from"./chunk.UP4GBFVW.js";import{c as u,d as A,e as m,h as Y}from"./chunk.2RJMAO74.js";function M(a){return/^https?:\/\//i.test(a||"")}function N(a){return/^\/(?![/\\])/.test(a||"")||M(a)?a:""}async function E(){if(!Y())return;let a=A(),c=await B(a);D(a,c),await Promise.all([U(a),V(a),G(a),H(a),J(a)])}async function B(a){if(!a.organisation)return null;try{return await u.collection("organisations").getOne(a.organisation)}catch{return null}}function k(a,c){F(a),_();let l=a.querySelector("[data-banner]"),e=`${a.id}-banner-title`;L(l,e,c)}function $(a,c){_(),q(a,S(c))}function P(a,c,l){return`${a} ${a===1?c:l}`}var v="govuk-button govuk-button--secondary govuk-!-font-size-16 govuk-!-margin-bottom-1";function D(a,c){if(m())return;let l=p("membership"),e=c?.name,d;a.membership==="declined"?d=e?n`Your request to join ${e} was declined. If you think this is a mistake, talk to your organisation's Pipeline admin, or <a class="govuk-link" href="/join">ask to join an organisation</a> again.`:n`Your request to join an organisation was declined. You can <a class="govuk-link" href="/join">ask to join an organisation</a> again.`:a.organisation?a.verified?d=n`You have asked to join ${e||"an organisation"}. An admin of ${e||"the organisation"} or a Pipeline coordinator needs to approve you before you can add projects or express interest. We will email you when they do. <a class="govuk-link" href="/join">Change your organisation</a>.`:d=n`You have asked to join ${e||"an organisation"}. Confirm your email address first, using the link in the email we sent you; then an admin of ${e||"the organisation"} or a Pipeline coordinator can approve you. <a class="govuk-link" href="/join">Change your organisation</a>.`:d=n`You are not a member of an organisation yet. <a class="govuk-link" href="/join">Choose your organisation</a> so that you can add projects and express interest in other councils' work.`,g(l,n`<div class="govuk-inset-text">
  ${d}
</div>`)}async function U(a){let c=p("projects"),l=p("projects-list");if(!m()||!a.organisation){g(l,n`<p class="govuk-body">${a.role==="coordinator"&&m()?"You are a coordinator and do not belong to an organisation, so you have no projects here.":"Your organisation's projects will be listed here once you are an approved member of it."}</p>`);return}let e;try{e=await u.collection("projects").getFullList({filter:u.filter("organisation = {:o}",{o:a.organisation}),sort:"-lastActivityAt"})}catch{g(l,n`<p class="govuk-body">Your organisation's projects could not be loaded. Refresh the page to try again.</p>`);return}let d=()=>{if(!e.length){g(l,n`<p class="govuk-body">Your organisation has no projects yet.</p>`);return}let s=e.filter(t=>t.visibility==="published"&&(t.dormantSince||t.chaseStage>0)).length;g(l,n`${s?n`<p class="govuk-body">${P(s,"published project needs","published projects need")} confirming. Check ${s===1?"it is":"they are"} still accurate, or update ${s===1?"it":"them"}.</p>`:""}
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
    ${e.map(t=>n`<tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="/projects/${t.slug}">${t.title}</a></td>
      <td class="govuk-table__cell">${C(t.phase)}</td>
      <td class="govuk-table__cell">${t.visibility==="published"?"Published":"Draft"}</td>
      <td class="govuk-table__cell">${t.phase==="retired"&&!t.dormantSince?"Retired: no need to confirm":W(t)}<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-2 govuk-!-margin-bottom-0">${T(t)}</span></td>
      <td class="govuk-table__cell">
        ${t.phase!=="retired"||t.dormantSince?n`<button type="button" class="${v}" data-module="govuk-button" data-action="confirm" data-id="${t.id}">
          Confirm still accurate<span class="govuk-visually-hidden">: ${t.title}</span>
        </button>`:""}
        ${t.dormantSince||!t.owner?n`<button type="button" class="${v}" data-module="govuk-button" data-action="adopt" data-id="${t.id}">
          Adopt<span class="govuk-visually-hidden"> ${t.title}</span>
        </button>`:""}
      </td>
    </tr>`)}
  </tbody>
</table></div>`)};d(),b(l,async s=>{let t=e.findIndex(o=>o.id===s.dataset.id);if(t<0)return;let i=s.dataset.action;try{let o=await u.send(`/api/pipeline/projects/${encodeURIComponent(e[t].id)}/${i}`,{method:"POST"});e[t]={...e[t],...o},d(),k(c,i==="adopt"?`You have adopted ${e[t].title}: you are now its owner, and it is confirmed as still accurate`:`${e[t].title} is confirmed as still accurate`)}catch(o){$(c,o)}})}var O={open:["acknowledged","collaborating","declined"],acknowledged:["collaborating","declined"],collaborating:["declined"]},z={acknowledged:"Acknowledge",collaborating:"Collaborate",declined:"Decline"};function y(a){let c=a.expand?.user?.name,l=a.expand?.organisation?.name;return[c,l].filter(Boolean).join(", ")||"Someone"}async function V(a){let c=p("interest-received"),l=p("received-list");if(!m()||!a.organisation){g(l,n`<p class="govuk-body">No interest yet. Interest in your organisation's projects will appear here once you are an approved member of it.</p>`);return}let e;try{e=await u.collection("interests").getFullList({filter:u.filter('project.organisation = {:o} && kind != "following"',{o:a.organisation}),expand:"project,user,organisation",sort:"-created"})}catch{g(l,n`<p class="govuk-body">Interest in your projects could not be loaded. Refresh the page to try again.</p>`);return}let d=()=>{if(!e.length){g(l,n`<p class="govuk-body">No interest yet. When officers in other organisations express interest in your projects, it will appear here.</p>`);return}let s=e.filter(t=>t.state==="open").length;g(l,n`<p class="govuk-body">${s?`${s} waiting for a reply.`:"Nothing is waiting for a reply."}</p>
<ul class="govuk-list">${e.map(t=>{let i=t.expand?.project,o=i?.title||"A project";return n`<li class="app-card">
  <h3 class="govuk-heading-s app-card__title">${i?n`<a class="govuk-link" href="/projects/${i.slug}">${o}</a>`:o}</h3>
  <dl class="govuk-summary-list">
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">
        From
      </dt>
      <dd class="govuk-summary-list__value">
        ${y(t)}
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
    ${t.message?n`<div class="govuk-summary-list__row">
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
  ${O[t.state]?n`<div class="govuk-button-group">${O[t.state].map(r=>n`
    <button type="button" class="${v}" data-module="govuk-button" data-action="answer" data-id="${t.id}" data-state="${r}">
      ${z[r]}<span class="govuk-visually-hidden"> the interest from ${y(t)} in ${o}</span>
    </button>`)}
  </div>`:""}
</li>`})}</ul>`)};d(),b(l,async s=>{let t=e.findIndex(o=>o.id===s.dataset.id);if(t<0)return;let i=s.dataset.state;try{let o=await u.collection("interests").update(e[t].id,{state:i},{expand:"project,user,organisation"}),r=e[t];e[t]={...r,...o,expand:{...r.expand,...o.expand}},d();let h=e[t].expand?.project?.title||"your project";k(c,{acknowledged:`You have acknowledged the interest from ${y(e[t])} in ${h}`,collaborating:`You are now collaborating with ${y(e[t])} on ${h}`,declined:`You have declined the interest from ${y(e[t])} in ${h}`}[i])}catch(o){$(c,o)}})}async function G(a){let c=p("interest-sent"),l=p("sent-list"),e;try{e=await u.collection("interests").getFullList({filter:u.filter("user = {:u}",{u:a.id}),expand:"project,project.organisation",sort:"-created"})}catch{g(l,n`<p class="govuk-body">The interest you have sent could not be loaded. Refresh the page to try again.</p>`);return}let d=()=>{if(!e.length){g(l,n`<p class="govuk-body">You have not followed or expressed interest in any projects yet.</p>`);return}g(l,n`<div class="app-table-wrapper"><table class="govuk-table">
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
    ${e.map(s=>{let t=s.expand?.project,i=t?.title||"A project you can no longer see",o=s.kind==="following",r="";return o?r=n`<button type="button" class="${v}" data-module="govuk-button" data-action="unfollow" data-id="${s.id}">
          Stop following<span class="govuk-visually-hidden"> ${i}</span>
        </button>`:s.state!=="withdrawn"?r=n`<button type="button" class="${v}" data-module="govuk-button" data-action="withdraw" data-id="${s.id}">
          Withdraw<span class="govuk-visually-hidden"> your interest in ${i}</span>
        </button>`:r=n`<button type="button" class="${v}" data-module="govuk-button" data-action="renew" data-id="${s.id}">
          Renew<span class="govuk-visually-hidden"> your interest in ${i}</span>
        </button>`,n`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${t?n`<a class="govuk-link" href="/projects/${t.slug}">${i}</a>`:i}${t?.expand?.organisation?.name?n`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${t.expand.organisation.name}</span>`:""}</td>
      <td class="govuk-table__cell">${j[s.kind]||s.kind}</td>
      <td class="govuk-table__cell">${o?"No reply needed":x(s.state)}</td>
      <td class="govuk-table__cell">${f(s.created)}</td>
      <td class="govuk-table__cell">${r}</td>
    </tr>`})}
  </tbody>
</table></div>`)};d(),b(l,async s=>{let t=e.findIndex(o=>o.id===s.dataset.id);if(t<0)return;let i=e[t].expand?.project?.title||"the project";try{if(s.dataset.action==="unfollow"){await u.collection("interests").delete(e[t].id),e.splice(t,1),d(),k(c,`You are no longer following ${i}`);return}let o=s.dataset.action==="withdraw"?"withdrawn":"open",r=await u.collection("interests").update(e[t].id,{state:o});e[t]={...e[t],...r,expand:e[t].expand},d(),k(c,o==="withdrawn"?`You have withdrawn your interest in ${i}`:`You have renewed your interest in ${i}: it is waiting for a reply`)}catch(o){$(c,o)}})}async function H(a){let c=p("notifications"),l=p("notifications-list"),e=u.filter('user = {:u} && readAt = ""',{u:a.id}),d,s;try{let[i,o]=await Promise.all([u.collection("notifications").getList(1,50,{filter:u.filter("user = {:u}",{u:a.id}),sort:"-created"}),u.collection("notifications").getList(1,1,{filter:e,fields:"id"})]);d=i.items,s=o.totalItems}catch{g(l,n`<p class="govuk-body">Your notifications could not be loaded. Refresh the page to try again.</p>`);return}let t=()=>{if(!d.length){g(l,n`<p class="govuk-body">No notifications yet. We will tell you here when there is news about your projects or your interest.</p>`);return}g(l,n`<p class="govuk-body">${s?`You have ${P(s,"unread notification","unread notifications")}.`:"You have no unread notifications."}</p>
${s?n`<button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-action="read-all">
  Mark all as read
</button>`:""}
<ul class="govuk-list">${d.map(i=>{let o=N(i.url);return n`<li class="app-card">
  <h3 class="govuk-heading-s app-card__title">${i.readAt?"":n`<strong class="govuk-tag govuk-!-margin-right-1">New</strong> `}${o?n`<a class="govuk-link" href="${o}" data-read="${i.readAt?"":i.id}">${i.title}</a>`:i.title}</h3>
  <p class="govuk-body-s app-card__meta">${f(i.created)}</p>
  ${i.body?n`<p class="govuk-body app-pre-wrap">${i.body}</p>`:""}
</li>`})}</ul>
${d.length===50?n`<p class="govuk-body">These are your latest 50 notifications.</p>`:""}`)};t(),l.addEventListener("click",i=>{let o=i.target.closest("a[data-read]");if(!o||!o.dataset.read)return;let r=d.find(h=>h.id===o.dataset.read);!r||r.readAt||(r.readAt=R(),s=Math.max(0,s-1),w(s),u.collection("notifications").update(r.id,{readAt:r.readAt},{keepalive:!0}).catch(()=>{}),o.getAttribute("href").startsWith("/my#")&&t())}),b(l,async()=>{try{let i=await u.collection("notifications").getFullList({filter:e,fields:"id"}),o=R();await Promise.all(i.map(r=>u.collection("notifications").update(r.id,{readAt:o}))),d.forEach(r=>{r.readAt||(r.readAt=o)}),s=0,t(),w(0),k(c,`${P(i.length,"notification is","notifications are")} marked as read`)}catch(i){$(c,i)}})}function R(){return new Date().toISOString().replace("T"," ")}async function J(a){let c=p("settings"),l=p("settings-form"),e=p("muted"),d=[],s=a;try{s=await u.collection("users").getOne(a.id,{expand:"mutedProjects"})}catch{}let t=o=>{let r=l.querySelector(`input[name="emailFrequency"][value="${CSS.escape(o||"")}"]`);r&&(r.checked=!0)};t(s.emailFrequency);let i=()=>{let o=Object.fromEntries((s.expand?.mutedProjects||[]).map(r=>[r.id,r.title]));if(d=s.mutedProjects||[],!d.length){g(e,n`<h3 class="govuk-heading-s">Muted projects</h3>
<p class="govuk-body">You have not muted any projects. To stop emails about one project, use the “Stop emails about” link at the bottom of any email about it.</p>`);return}g(e,n`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-mutedProjects-hint">
  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
    Muted projects
  </legend>
  <div id="f-mutedProjects-hint" class="govuk-hint">
    You get no emails about these projects. Untick a project to get emails about it again. To mute another project, use the “Stop emails about” link at the bottom of any email about it.
  </div>
  <div class="govuk-checkboxes" data-module="govuk-checkboxes">
    ${d.map((r,h)=>n`<div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="f-mutedProjects${h?`-${h+1}`:""}" name="mutedProjects" type="checkbox" value="${r}" checked>
      <label class="govuk-label govuk-checkboxes__label" for="f-mutedProjects${h?`-${h+1}`:""}">
        ${o[r]||"A project you can no longer see"}
      </label>
    </div>`)}
  </div>
</fieldset>
</div>`)};i(),I(l,{validate:o=>(_(),o.emailFrequency?{}:{emailFrequency:"Choose how often Pipeline should email you"}),messages:{emailFrequency:{default:"Choose how often Pipeline should email you"}},save:async o=>{let r={emailFrequency:o.emailFrequency};d.length&&(r.mutedProjects=o.mutedProjects||[]),s=await u.collection("users").update(a.id,r,{expand:"mutedProjects"}),t(s.emailFrequency),i(),k(c,"Your email settings are saved")}})}export{E as default};
