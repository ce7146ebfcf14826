import{a as y,b as S,c as N,d as T,g as B}from"./chunk.JNNZNCOC.js";import{b as h,c as k,d as j,e as x,g as E}from"./chunk.4EBPNJUS.js";import{b as r,c as m,d as $}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";async function w({project:e,title:o,text:t,scope:s,limit:a=5}){let n=e?{project:e,limit:a}:{title:o,text:t,limit:a};return s&&(n.scope=s),(await h.send("/api/pipeline/similar",{query:n})).items||[]}function _(e,{organisation:o=!0}={}){return r`<ul class="govuk-list app-similar">${e.map(t=>r`<li class="app-similar__item">
    <a class="govuk-link" href="/projects/${t.slug}">${t.title}</a>
    <span class="govuk-body-s app-similar__meta">${o?t.organisation.name:""} ${B(t.phase)}${t.visibility==="draft"?r` <strong class="govuk-tag govuk-tag--grey">Draft</strong>`:""}</span>
    ${t.shared&&t.shared.length?r`<span class="govuk-body-s app-similar__why">Shares: ${t.shared.slice(0,3).join(", ")}</span>`:""}
  </li>`)}</ul>`}var D={concept:"An idea that has not started yet",discovery:"Understanding the problem and users",alpha:"Trying out different ways to solve the problem",beta:"Building the service and testing it with real users",live:"Running the service and improving it",retired:"The service has stopped, been replaced or the work has ended"},v={phaseStart:{legend:"When did this phase start?",name:"Phase start"},phaseEnd:{legend:"When is this phase planned to end?",name:"Phase end"},nextAssessment:{legend:"When is the next service assessment?",name:"Next service assessment"}},A={draft:"Draft: only people in your organisation can see it",published:"Published: everyone can see it"};async function I(){let e=$("project-form-page"),t=window.location.pathname.replace(/\/+$/,"").match(/^\/projects\/([^/]+)\/edit$/),s=!!t;if(!E())return;if(!j()){p(s?"Edit a project":"Add a project"),m(e,r`<h1 class="govuk-heading-l">${s?"You cannot edit this project yet":"You cannot add a project yet"}</h1>
      <p class="govuk-body">You can add and edit your organisation's projects once your organisation membership is approved.</p>
      <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`);return}let a=null;if(s){let l=decodeURIComponent(t[1]);try{a=await h.collection("projects").getFirstListItem(h.filter("slug = {:s}",{s:l}),{expand:"organisation"})}catch(u){u?.status===404?(p("Project not found"),m(e,r`<h1 class="govuk-heading-l">Project not found</h1>
          <p class="govuk-body">If you typed the web address, check it is correct.</p>
          <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)):(p("Sorry, there is a problem"),m(e,r`<h1 class="govuk-heading-l">Sorry, there is a problem</h1>
          <p class="govuk-body">The project could not be loaded. Check your connection and try again later.</p>`));return}if(!x(a.organisation)){p("You cannot edit this project"),m(e,r`<h1 class="govuk-heading-l">You cannot edit this project</h1>
        <p class="govuk-body">Only officers of ${a.expand?.organisation?.name||"the project's organisation"} can edit it.</p>
        <p class="govuk-body"><a class="govuk-link" href="/projects/${a.slug}">Go back to ${a.title}</a></p>`);return}p("Edit "+a.title)}else p("Add a project");let{handleForm:n}=await import("./forms.7CNEEBY3.js"),i=a?"/projects/"+a.slug:"/projects";m(e,Y(a,i));let c=$("project-form");L(c),n(c,{validate:H,async save(l){let u=K(l,!!a),d=a?await h.collection("projects").update(a.id,u):await h.collection("projects").create({...u,organisation:k().organisation});window.location.assign("/projects/"+encodeURIComponent(d.slug)+"?done="+(a?"saved":"created"))},messages:{title:{validation_required:"Enter a title",validation_min_text_constraint:"Project title must be 3 characters or more",validation_max_text_constraint:"Project title must be 200 characters or fewer"},summary:{validation_required:"Enter a summary",validation_max_text_constraint:"Summary must be 300 characters or fewer"},description:{validation_max_text_constraint:"Description must be 20,000 characters or fewer"},phase:{validation_required:"Choose the project's phase"},phaseEnd:{pipeline_dates_order:"Phase end must be on or after phase start"},contactEmail:{validation_is_email:"Enter an email address in the correct format, like name@example.gov.uk"},outcome:{validation_max_text_constraint:"Outcome must be 10,000 characters or fewer"}}})}function p(e){document.title=`${e} \u2013 Pipeline`}function Y(e,o){let t=e||{phase:"",budgetBand:"unknown",visibility:"draft",seeking:[],tags:[],links:[],contactName:k().name||"",contactEmail:k().email||""};return r`<a href="${o}" class="govuk-back-link">Back</a>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${e?r`<span class="govuk-caption-l">${e.title}</span>
    <h1 class="govuk-heading-l">Edit project</h1>`:r`<h1 class="govuk-heading-l">Add a project</h1>
    <p class="govuk-body">Tell other councils what you are working on, so that they can find it, follow it and work with you. It stays a draft, seen only by your organisation, until you publish it.</p>`}
    <form id="project-form" novalidate>
      ${f("title","Project title",t.title,"For example, Report a missed bin collection")}
      ${g("summary","Summary",t.summary,300,"One or two sentences: what problem, for whom",3)}
      ${g("description","Description",t.description,2e4,"What the problem is, who has it, what you have found out and what you plan to do. Leave a blank line between paragraphs.",10)}
      ${O("phase","Phase","Choose the phase the project is in now",Object.fromEntries(y.map(s=>[s,S[s]])),t.phase,D)}
      ${Object.keys(v).map(s=>M(s,t[s]))}
      ${U("budgetBand","Budget",N,t.budgetBand||"unknown")}
      ${R("seeking","What are you looking for?","Select all that apply",T,t.seeking||[])}
      ${f("tags","Tags",(Array.isArray(t.tags)?t.tags:[]).join(", "),"Separate tags with commas, for example: waste, bins, missed collections")}
      ${f("contactName","Key contact name",t.contactName,"The person other councils should talk to","name")}
      ${f("contactEmail","Key contact email address",t.contactEmail,"","email","email")}
      ${F("links","Links",(Array.isArray(t.links)?t.links:[]).map(s=>`${s.label} | ${s.url}`).join(`
`),"One link on each line, as a label and a web address separated by a vertical bar, for example: Beta service | https://www.example.gov.uk/bins",4)}
      ${O("visibility","Who can see it?","You can change this at any time",A,t.visibility||"draft")}
      ${e?r`<h2 class="govuk-heading-m" id="outcome">Outcome</h2>
      <p class="govuk-body">When the project goes live or is retired, tell other councils what happened. It is the most useful thing a project leaves behind.</p>
      ${g("outcomeWorked","What worked",t.outcomeWorked,5e3,"",4)}
      ${g("outcomeDidNotWork","What did not work",t.outcomeDidNotWork,5e3,"",4)}
      ${g("outcomeReusable","What others can reuse",t.outcomeReusable,5e3,"Code, designs, research, contracts, data: with links if you can",4)}
      ${g("outcomeSavings","Savings, if known",t.outcomeSavings,2e3,"For example: 30% fewer phone calls, or \xA340,000 a year",2)}
      ${g("outcome","Anything else about the outcome",t.outcome,1e4,"",3)}`:""}
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">
          ${e?"Save changes":"Save project"}
        </button>
        <a class="govuk-link" href="${o}">Cancel</a>
      </div>
    </form>
  </div>
  ${e?"":r`<div class="govuk-grid-column-one-third">
    <aside class="app-similar-panel" aria-labelledby="similar-heading">
      <h2 class="govuk-heading-m" id="similar-heading">Before you start</h2>
      <p class="govuk-body">As you describe your project, we show councils working on something similar, so that you can talk to them, join them or reuse their work.</p>
      <div id="similar-own" aria-live="polite"></div>
      <div id="similar-as-you-type" aria-live="polite"></div>
    </aside>
  </div>`}
</div>`}function L(e){let o=document.getElementById("similar-as-you-type"),t=document.getElementById("similar-own");if(!o)return;let s,a="",n=async()=>{let i=e.elements.title.value.trim(),c=`${e.elements.summary.value} ${e.elements.tags.value}`.trim(),l=i+`
`+c;if(!(l===a||l.length<4)){a=l;try{let[u,d]=await Promise.all([w({title:i,text:c,scope:"own",limit:3}).catch(()=>[]),w({title:i,text:c,limit:5})]);if(l!==a)return;t&&m(t,u.length?r`<p class="govuk-body govuk-!-font-weight-bold">Your council already has:</p>${_(u,{organisation:!1})}`:""),m(o,d.length?r`<p class="govuk-body govuk-!-font-weight-bold">These councils are working on something similar:</p>${_(d)}`:r`<p class="govuk-body">No similar projects in other councils yet.</p>`)}catch{}}};for(let i of["title","summary","tags"])e.elements[i].addEventListener("input",()=>{clearTimeout(s),s=setTimeout(n,400)})}function f(e,o,t,s,a="",n="text"){let i="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${i}">
    ${o}
  </label>
  ${s?r`<div id="${i}-hint" class="govuk-hint">
    ${s}
  </div>`:""}
  <input class="govuk-input" id="${i}" name="${e}" type="${n}" value="${t||""}"${s?r` aria-describedby="${i}-hint"`:""}${a?r` autocomplete="${a}"`:""}${n==="email"?r` spellcheck="false"`:""}>
</div>`}function F(e,o,t,s,a){let n="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${n}">
    ${o}
  </label>
  <div id="${n}-hint" class="govuk-hint">
    ${s}
  </div>
  <textarea class="govuk-textarea" id="${n}" name="${e}" rows="${a}" aria-describedby="${n}-hint">${t||""}</textarea>
</div>`}function g(e,o,t,s,a,n){let i="f-"+e;return r`<div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="${s}">
  <label class="govuk-label govuk-label--s" for="${i}">
    ${o}
  </label>
  <div id="${i}-hint" class="govuk-hint">
    ${a}
  </div>
  <textarea class="govuk-textarea govuk-js-character-count" id="${i}" name="${e}" rows="${n}" aria-describedby="${i}-info ${i}-hint">${t||""}</textarea>
  <div id="${i}-info" class="govuk-hint govuk-character-count__message">
    You can enter up to ${s} characters
  </div>
</div>`}function O(e,o,t,s,a,n={}){let i=Object.entries(s).map(([c,l],u)=>{let d=u?`f-${e}-${c}`:`f-${e}`,b=n[c];return r`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${d}" name="${e}" type="radio" value="${c}"${c===a?" checked":""}${b?r` aria-describedby="${d}-item-hint"`:""}>
      <label class="govuk-label govuk-radios__label" for="${d}">
        ${l}
      </label>
      ${b?r`<div id="${d}-item-hint" class="govuk-hint govuk-radios__hint">
        ${b}
      </div>`:""}
    </div>`});return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${o}
    </legend>
    <div id="f-${e}-hint" class="govuk-hint">
      ${t}
    </div>
    <div class="govuk-radios" data-module="govuk-radios">
      ${i}
    </div>
  </fieldset>
</div>`}function R(e,o,t,s,a){let n=Object.entries(s).map(([i,c],l)=>{let u=l?`f-${e}-${i}`:`f-${e}`;return r`<div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="${u}" name="${e}" type="checkbox" value="${i}"${a.includes(i)?" checked":""}>
      <label class="govuk-label govuk-checkboxes__label" for="${u}">
        ${c}
      </label>
    </div>`});return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${o}
    </legend>
    <div id="f-${e}-hint" class="govuk-hint">
      ${t}
    </div>
    <div class="govuk-checkboxes" data-module="govuk-checkboxes">
      ${n}
    </div>
  </fieldset>
</div>`}function U(e,o,t,s){let a="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${a}">
    ${o}
  </label>
  <select class="govuk-select" id="${a}" name="${e}">
    ${Object.entries(t).map(([n,i])=>r`<option value="${n}"${n===s?" selected":""}>${i}</option>`)}
  </select>
</div>`}function q(e){let o=(e||"").match(/^(\d{4})-(\d{2})-(\d{2})/);return o?{day:String(Number(o[3])),month:String(Number(o[2])),year:o[1]}:{day:"",month:"",year:""}}function M(e,o){let{legend:t}=v[e],s=q(o),a=(n,i,c)=>{let l=n==="day"?`f-${e}`:`f-${e}-${n}`;return r`<div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="${l}">
            ${i}
          </label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-${c}" id="${l}" name="${e}-${n}" type="text" inputmode="numeric" value="${s[n]}">
        </div>
      </div>`};return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" role="group" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${t}
    </legend>
    <div id="f-${e}-hint" class="govuk-hint">
      For example, 27 3 2026. Leave blank if you do not know.
    </div>
    <div class="govuk-date-input" id="f-${e}-date">
      ${a("day","Day",2)}
      ${a("month","Month",2)}
      ${a("year","Year",4)}
    </div>
  </fieldset>
</div>`}function P(e,o){let t=v[o].name,s=e[`${o}-day`]||"",a=e[`${o}-month`]||"",n=e[`${o}-year`]||"";if(!s&&!a&&!n)return{value:""};let i=[["day",s],["month",a],["year",n]].filter(([,l])=>!l).map(([l])=>l);if(i.length)return{error:`${t} must include a ${i.join(" and a ")}`};if(![s,a,n].every(l=>/^\d+$/.test(l))||n.length!==4)return{error:`${t} must be a real date`};let c=new Date(Date.UTC(Number(n),Number(a)-1,Number(s)));return c.getUTCFullYear()!==Number(n)||c.getUTCMonth()!==Number(a)-1||c.getUTCDate()!==Number(s)?{error:`${t} must be a real date`}:{value:c.toISOString().slice(0,10)+" 00:00:00.000Z"}}function H(e){let o={};e.title?e.title.length<3?o.title="Project title must be 3 characters or more":e.title.length>200&&(o.title="Project title must be 200 characters or fewer"):o.title="Enter a project title",e.summary?e.summary.length>300&&(o.summary="Summary must be 300 characters or fewer"):o.summary="Enter a summary of the project",(e.description||"").length>2e4&&(o.description="Description must be 20,000 characters or fewer"),y.includes(e.phase)||(o.phase="Choose the project's phase");let t={};for(let i of Object.keys(v)){let{value:c,error:l}=P(e,i);l?o[i]=l:t[i]=c}t.phaseStart&&t.phaseEnd&&t.phaseEnd<t.phaseStart&&(o.phaseEnd="Phase end must be on or after phase start");let s=W(e.tags),a=s.find(i=>i.length>40);s.length>20?o.tags="Enter 20 tags or fewer":a&&(o.tags=`Each tag must be 40 characters or fewer: "${a}" is longer`),e.contactEmail&&!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e.contactEmail)&&(o.contactEmail="Enter an email address in the correct format, like name@example.gov.uk");let n=C(e.links).find(i=>!/^https?:\/\/[^\s/]+/i.test(i.url));return n&&(o.links=`Enter a web address starting with https:// after the label of each link: check "${n.url||n.label}"`),(e.outcome||"").length>1e4&&(o.outcome="Outcome must be 10,000 characters or fewer"),o}function W(e){return(e||"").split(",").map(o=>o.trim()).filter(Boolean)}function C(e){return(e||"").split(`
`).map(o=>o.trim()).filter(Boolean).map(o=>{let t=o.lastIndexOf("|");return t<0?{label:"",url:o}:{label:o.slice(0,t).trim(),url:o.slice(t+1).trim()}})}function K(e,o){let t={title:e.title,summary:e.summary,description:e.description||"",phase:e.phase,budgetBand:e.budgetBand,seeking:e.seeking||[],tags:W(e.tags),contactName:e.contactName||"",contactEmail:e.contactEmail||"",links:C(e.links),visibility:e.visibility};for(let s of Object.keys(v))t[s]=P(e,s).value||"";if(o)for(let s of["outcome","outcomeWorked","outcomeDidNotWork","outcomeReusable","outcomeSavings"])t[s]=e[s]||"";return t}export{I as default};
