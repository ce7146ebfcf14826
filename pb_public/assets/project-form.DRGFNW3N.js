import{a as w,b as j}from"./chunk.22NHBGBD.js";import{a as y,b as N,c as S,d as T}from"./chunk.JNNZNCOC.js";import{b as p,c as k,d as _,e as x,g as E}from"./chunk.4EBPNJUS.js";import{b as r,c as m,d as $}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";var C={concept:"An idea that has not started yet",discovery:"Understanding the problem and users",alpha:"Trying out different ways to solve the problem",beta:"Building the service and testing it with real users",live:"Running the service and improving it",retired:"The service has stopped, been replaced or the work has ended"},v={phaseStart:{legend:"When did this phase start?",name:"Phase start"},phaseEnd:{legend:"When is this phase planned to end?",name:"Phase end"},nextAssessment:{legend:"When is the next service assessment?",name:"Next service assessment"}},A={draft:"Draft: only people in your organisation can see it",published:"Published: everyone can see it"};async function D(){let e=$("project-form-page"),o=window.location.pathname.replace(/\/+$/,"").match(/^\/projects\/([^/]+)\/edit$/),s=!!o;if(!E())return;if(!_()){g(s?"Edit a project":"Add a project"),m(e,r`<h1 class="govuk-heading-l">${s?"You cannot edit this project yet":"You cannot add a project yet"}</h1>
      <p class="govuk-body">You can add and edit your organisation's projects once your organisation membership is approved.</p>
      <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`);return}let a=null;if(s){let c=decodeURIComponent(o[1]);try{a=await p.collection("projects").getFirstListItem(p.filter("slug = {:s}",{s:c}),{expand:"organisation"})}catch(u){u?.status===404?(g("Project not found"),m(e,r`<h1 class="govuk-heading-l">Project not found</h1>
          <p class="govuk-body">If you typed the web address, check it is correct.</p>
          <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)):(g("Sorry, there is a problem"),m(e,r`<h1 class="govuk-heading-l">Sorry, there is a problem</h1>
          <p class="govuk-body">The project could not be loaded. Check your connection and try again later.</p>`));return}if(!x(a.organisation)){g("You cannot edit this project"),m(e,r`<h1 class="govuk-heading-l">You cannot edit this project</h1>
        <p class="govuk-body">Only officers of ${a.expand?.organisation?.name||"the project's organisation"} can edit it.</p>
        <p class="govuk-body"><a class="govuk-link" href="/projects/${a.slug}">Go back to ${a.title}</a></p>`);return}g("Edit "+a.title)}else g("Add a project");let{handleForm:n}=await import("./forms.7CNEEBY3.js"),i=a?"/projects/"+a.slug:"/projects";m(e,I(a,i));let l=$("project-form");Y(l),n(l,{validate:M,async save(c){let u=H(c,!!a),d=a?await p.collection("projects").update(a.id,u):await p.collection("projects").create({...u,organisation:k().organisation});window.location.assign("/projects/"+encodeURIComponent(d.slug)+"?done="+(a?"saved":"created"))},messages:{title:{validation_required:"Enter a title",validation_min_text_constraint:"Project title must be 3 characters or more",validation_max_text_constraint:"Project title must be 200 characters or fewer"},summary:{validation_required:"Enter a summary",validation_max_text_constraint:"Summary must be 300 characters or fewer"},description:{validation_max_text_constraint:"Description must be 20,000 characters or fewer"},phase:{validation_required:"Choose the project's phase"},phaseEnd:{pipeline_dates_order:"Phase end must be on or after phase start"},contactEmail:{validation_is_email:"Enter an email address in the correct format, like name@example.gov.uk"},outcome:{validation_max_text_constraint:"Outcome must be 10,000 characters or fewer"}}})}function g(e){document.title=`${e} \u2013 Pipeline`}function I(e,t){let o=e||{phase:"",budgetBand:"unknown",visibility:"draft",seeking:[],tags:[],links:[],contactName:k().name||"",contactEmail:k().email||""};return r`<a href="${t}" class="govuk-back-link">Back</a>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${e?r`<span class="govuk-caption-l">${e.title}</span>
    <h1 class="govuk-heading-l">Edit project</h1>`:r`<h1 class="govuk-heading-l">Add a project</h1>
    <p class="govuk-body">Tell other councils what you are working on, so that they can find it, follow it and work with you. It stays a draft, seen only by your organisation, until you publish it.</p>`}
    <form id="project-form" novalidate>
      ${f("title","Project title",o.title,"For example, Report a missed bin collection")}
      ${h("summary","Summary",o.summary,300,"One or two sentences: what problem, for whom",3)}
      ${h("description","Description",o.description,2e4,"What the problem is, who has it, what you have found out and what you plan to do. Leave a blank line between paragraphs.",10)}
      ${B("phase","Phase","Choose the phase the project is in now",Object.fromEntries(y.map(s=>[s,N[s]])),o.phase,C)}
      ${Object.keys(v).map(s=>q(s,o[s]))}
      ${R("budgetBand","Budget",S,o.budgetBand||"unknown")}
      ${L("seeking","What are you looking for?","Select all that apply",T,o.seeking||[])}
      ${f("tags","Tags",(Array.isArray(o.tags)?o.tags:[]).join(", "),"Separate tags with commas, for example: waste, bins, missed collections")}
      ${f("contactName","Key contact name",o.contactName,"The person other councils should talk to","name")}
      ${f("contactEmail","Key contact email address",o.contactEmail,"","email","email")}
      ${F("links","Links",(Array.isArray(o.links)?o.links:[]).map(s=>`${s.label} | ${s.url}`).join(`
`),"One link on each line, as a label and a web address separated by a vertical bar, for example: Beta service | https://www.example.gov.uk/bins",4)}
      ${B("visibility","Who can see it?","You can change this at any time",A,o.visibility||"draft")}
      ${e?r`<h2 class="govuk-heading-m" id="outcome">Outcome</h2>
      <p class="govuk-body">When the project goes live or is retired, tell other councils what happened. It is the most useful thing a project leaves behind.</p>
      ${h("outcomeWorked","What worked",o.outcomeWorked,5e3,"",4)}
      ${h("outcomeDidNotWork","What did not work",o.outcomeDidNotWork,5e3,"",4)}
      ${h("outcomeReusable","What others can reuse",o.outcomeReusable,5e3,"Code, designs, research, contracts, data: with links if you can",4)}
      ${h("outcomeSavings","Savings, if known",o.outcomeSavings,2e3,"For example: 30% fewer phone calls, or \xA340,000 a year",2)}
      ${h("outcome","Anything else about the outcome",o.outcome,1e4,"",3)}`:""}
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">
          ${e?"Save changes":"Save project"}
        </button>
        <a class="govuk-link" href="${t}">Cancel</a>
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
</div>`}function Y(e){let t=document.getElementById("similar-as-you-type"),o=document.getElementById("similar-own");if(!t)return;let s,a="",n=async()=>{let i=e.elements.title.value.trim(),l=`${e.elements.summary.value} ${e.elements.tags.value}`.trim(),c=i+`
`+l;if(!(c===a||c.length<4)){a=c;try{let[u,d]=await Promise.all([w({title:i,text:l,scope:"own",limit:3}).catch(()=>[]),w({title:i,text:l,limit:5})]);if(c!==a)return;o&&m(o,u.length?r`<p class="govuk-body govuk-!-font-weight-bold">Your council already has:</p>${j(u,{organisation:!1})}`:""),m(t,d.length?r`<p class="govuk-body govuk-!-font-weight-bold">These councils are working on something similar:</p>${j(d)}`:r`<p class="govuk-body">No similar projects in other councils yet.</p>`)}catch{}}};for(let i of["title","summary","tags"])e.elements[i].addEventListener("input",()=>{clearTimeout(s),s=setTimeout(n,400)})}function f(e,t,o,s,a="",n="text"){let i="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${i}">
    ${t}
  </label>
  ${s?r`<div id="${i}-hint" class="govuk-hint">
    ${s}
  </div>`:""}
  <input class="govuk-input" id="${i}" name="${e}" type="${n}" value="${o||""}"${s?r` aria-describedby="${i}-hint"`:""}${a?r` autocomplete="${a}"`:""}${n==="email"?r` spellcheck="false"`:""}>
</div>`}function F(e,t,o,s,a){let n="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${n}">
    ${t}
  </label>
  <div id="${n}-hint" class="govuk-hint">
    ${s}
  </div>
  <textarea class="govuk-textarea" id="${n}" name="${e}" rows="${a}" aria-describedby="${n}-hint">${o||""}</textarea>
</div>`}function h(e,t,o,s,a,n){let i="f-"+e;return r`<div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="${s}">
  <label class="govuk-label govuk-label--s" for="${i}">
    ${t}
  </label>
  <div id="${i}-hint" class="govuk-hint">
    ${a}
  </div>
  <textarea class="govuk-textarea govuk-js-character-count" id="${i}" name="${e}" rows="${n}" aria-describedby="${i}-info ${i}-hint">${o||""}</textarea>
  <div id="${i}-info" class="govuk-hint govuk-character-count__message">
    You can enter up to ${s} characters
  </div>
</div>`}function B(e,t,o,s,a,n={}){let i=Object.entries(s).map(([l,c],u)=>{let d=u?`f-${e}-${l}`:`f-${e}`,b=n[l];return r`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${d}" name="${e}" type="radio" value="${l}"${l===a?" checked":""}${b?r` aria-describedby="${d}-item-hint"`:""}>
      <label class="govuk-label govuk-radios__label" for="${d}">
        ${c}
      </label>
      ${b?r`<div id="${d}-item-hint" class="govuk-hint govuk-radios__hint">
        ${b}
      </div>`:""}
    </div>`});return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${t}
    </legend>
    <div id="f-${e}-hint" class="govuk-hint">
      ${o}
    </div>
    <div class="govuk-radios" data-module="govuk-radios">
      ${i}
    </div>
  </fieldset>
</div>`}function L(e,t,o,s,a){let n=Object.entries(s).map(([i,l],c)=>{let u=c?`f-${e}-${i}`:`f-${e}`;return r`<div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="${u}" name="${e}" type="checkbox" value="${i}"${a.includes(i)?" checked":""}>
      <label class="govuk-label govuk-checkboxes__label" for="${u}">
        ${l}
      </label>
    </div>`});return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${t}
    </legend>
    <div id="f-${e}-hint" class="govuk-hint">
      ${o}
    </div>
    <div class="govuk-checkboxes" data-module="govuk-checkboxes">
      ${n}
    </div>
  </fieldset>
</div>`}function R(e,t,o,s){let a="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${a}">
    ${t}
  </label>
  <select class="govuk-select" id="${a}" name="${e}">
    ${Object.entries(o).map(([n,i])=>r`<option value="${n}"${n===s?" selected":""}>${i}</option>`)}
  </select>
</div>`}function U(e){let t=(e||"").match(/^(\d{4})-(\d{2})-(\d{2})/);return t?{day:String(Number(t[3])),month:String(Number(t[2])),year:t[1]}:{day:"",month:"",year:""}}function q(e,t){let{legend:o}=v[e],s=U(t),a=(n,i,l)=>{let c=n==="day"?`f-${e}`:`f-${e}-${n}`;return r`<div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="${c}">
            ${i}
          </label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-${l}" id="${c}" name="${e}-${n}" type="text" inputmode="numeric" value="${s[n]}">
        </div>
      </div>`};return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" role="group" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${o}
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
</div>`}function O(e,t){let o=v[t].name,s=e[`${t}-day`]||"",a=e[`${t}-month`]||"",n=e[`${t}-year`]||"";if(!s&&!a&&!n)return{value:""};let i=[["day",s],["month",a],["year",n]].filter(([,c])=>!c).map(([c])=>c);if(i.length)return{error:`${o} must include a ${i.join(" and a ")}`};if(![s,a,n].every(c=>/^\d+$/.test(c))||n.length!==4)return{error:`${o} must be a real date`};let l=new Date(Date.UTC(Number(n),Number(a)-1,Number(s)));return l.getUTCFullYear()!==Number(n)||l.getUTCMonth()!==Number(a)-1||l.getUTCDate()!==Number(s)?{error:`${o} must be a real date`}:{value:l.toISOString().slice(0,10)+" 00:00:00.000Z"}}function M(e){let t={};e.title?e.title.length<3?t.title="Project title must be 3 characters or more":e.title.length>200&&(t.title="Project title must be 200 characters or fewer"):t.title="Enter a project title",e.summary?e.summary.length>300&&(t.summary="Summary must be 300 characters or fewer"):t.summary="Enter a summary of the project",(e.description||"").length>2e4&&(t.description="Description must be 20,000 characters or fewer"),y.includes(e.phase)||(t.phase="Choose the project's phase");let o={};for(let i of Object.keys(v)){let{value:l,error:c}=O(e,i);c?t[i]=c:o[i]=l}o.phaseStart&&o.phaseEnd&&o.phaseEnd<o.phaseStart&&(t.phaseEnd="Phase end must be on or after phase start");let s=P(e.tags),a=s.find(i=>i.length>40);s.length>20?t.tags="Enter 20 tags or fewer":a&&(t.tags=`Each tag must be 40 characters or fewer: "${a}" is longer`),e.contactEmail&&!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e.contactEmail)&&(t.contactEmail="Enter an email address in the correct format, like name@example.gov.uk");let n=W(e.links).find(i=>!/^https?:\/\/[^\s/]+/i.test(i.url));return n&&(t.links=`Enter a web address starting with https:// after the label of each link: check "${n.url||n.label}"`),(e.outcome||"").length>1e4&&(t.outcome="Outcome must be 10,000 characters or fewer"),t}function P(e){return(e||"").split(",").map(t=>t.trim()).filter(Boolean)}function W(e){return(e||"").split(`
`).map(t=>t.trim()).filter(Boolean).map(t=>{let o=t.lastIndexOf("|");return o<0?{label:"",url:t}:{label:t.slice(0,o).trim(),url:t.slice(o+1).trim()}})}function H(e,t){let o={title:e.title,summary:e.summary,description:e.description||"",phase:e.phase,budgetBand:e.budgetBand,seeking:e.seeking||[],tags:P(e.tags),contactName:e.contactName||"",contactEmail:e.contactEmail||"",links:W(e.links),visibility:e.visibility};for(let s of Object.keys(v))o[s]=O(e,s).value||"";if(t)for(let s of["outcome","outcomeWorked","outcomeDidNotWork","outcomeReusable","outcomeSavings"])o[s]=e[s]||"";return o}export{D as default};
