import{a as $,b as x,c as E,d as N}from"./chunk.ED63KZZV.js";import{b as m,c as v,d as w,e as _,g as j}from"./chunk.K2CLG4ZI.js";import{a as r,b as h,c as b}from"./chunk.NB2EC3K5.js";import"./chunk.OQZJGNU5.js";var T={concept:"An idea that has not started yet",discovery:"Understanding the problem and users",alpha:"Trying out different ways to solve the problem",beta:"Building the service and testing it with real users",live:"Running the service and improving it",retired:"The service has stopped, been replaced or the work has ended"},p={phaseStart:{legend:"When did this phase start?",name:"Phase start"},phaseEnd:{legend:"When is this phase planned to end?",name:"Phase end"},nextAssessment:{legend:"When is the next service assessment?",name:"Next service assessment"}},B={draft:"Draft: only people in your organisation can see it",published:"Published: everyone can see it"};async function A(){let e=b("project-form-page"),a=window.location.pathname.replace(/\/+$/,"").match(/^\/projects\/([^/]+)\/edit$/),s=!!a;if(!j())return;if(!w()){g(s?"Edit a project":"Add a project"),h(e,r`<h1 class="govuk-heading-l">${s?"You cannot edit this project yet":"You cannot add a project yet"}</h1>
      <p class="govuk-body">You can add and edit your organisation's projects once your organisation membership is approved.</p>
      <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`);return}let o=null;if(s){let c=decodeURIComponent(a[1]);try{o=await m.collection("projects").getFirstListItem(m.filter("slug = {:s}",{s:c}),{expand:"organisation"})}catch(d){d?.status===404?(g("Project not found"),h(e,r`<h1 class="govuk-heading-l">Project not found</h1>
          <p class="govuk-body">If you typed the web address, check it is correct.</p>
          <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)):(g("Sorry, there is a problem"),h(e,r`<h1 class="govuk-heading-l">Sorry, there is a problem</h1>
          <p class="govuk-body">The project could not be loaded. Check your connection and try again later.</p>`));return}if(!_(o.organisation)){g("You cannot edit this project"),h(e,r`<h1 class="govuk-heading-l">You cannot edit this project</h1>
        <p class="govuk-body">Only officers of ${o.expand?.organisation?.name||"the project's organisation"} can edit it.</p>
        <p class="govuk-body"><a class="govuk-link" href="/projects/${o.slug}">Go back to ${o.title}</a></p>`);return}g("Edit "+o.title)}else g("Add a project");let{handleForm:i}=await import("./forms.T6DKOYDK.js"),n=o?"/projects/"+o.slug:"/projects";h(e,D(o,n));let l=b("project-form");i(l,{validate:L,async save(c){let d=R(c,!!o),u=o?await m.collection("projects").update(o.id,d):await m.collection("projects").create({...d,organisation:v().organisation});window.location.assign("/projects/"+encodeURIComponent(u.slug)+"?done="+(o?"saved":"created"))},messages:{title:{validation_required:"Enter a title",validation_min_text_constraint:"Project title must be 3 characters or more",validation_max_text_constraint:"Project title must be 200 characters or fewer"},summary:{validation_required:"Enter a summary",validation_max_text_constraint:"Summary must be 300 characters or fewer"},description:{validation_max_text_constraint:"Description must be 20,000 characters or fewer"},phase:{validation_required:"Choose the project's phase"},phaseEnd:{pipeline_dates_order:"Phase end must be on or after phase start"},contactEmail:{validation_is_email:"Enter an email address in the correct format, like name@example.gov.uk"},outcome:{validation_max_text_constraint:"Outcome must be 10,000 characters or fewer"}}})}function g(e){document.title=`${e} \u2013 Pipeline`}function D(e,t){let a=e||{phase:"",budgetBand:"unknown",visibility:"draft",seeking:[],tags:[],links:[],contactName:v().name||"",contactEmail:v().email||""};return r`<a href="${t}" class="govuk-back-link">Back</a>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${e?r`<span class="govuk-caption-l">${e.title}</span>
    <h1 class="govuk-heading-l">Edit project</h1>`:r`<h1 class="govuk-heading-l">Add a project</h1>
    <p class="govuk-body">Tell other councils what you are working on, so that they can find it, follow it and work with you. It stays a draft, seen only by your organisation, until you publish it.</p>`}
    <form id="project-form" novalidate>
      ${f("title","Project title",a.title,"For example, Report a missed bin collection")}
      ${y("summary","Summary",a.summary,300,"One or two sentences: what problem, for whom",3)}
      ${y("description","Description",a.description,2e4,"What the problem is, who has it, what you have found out and what you plan to do. Leave a blank line between paragraphs.",10)}
      ${S("phase","Phase","Choose the phase the project is in now",Object.fromEntries($.map(s=>[s,x[s]])),a.phase,T)}
      ${Object.keys(p).map(s=>W(s,a[s]))}
      ${F("budgetBand","Budget",E,a.budgetBand||"unknown")}
      ${Y("seeking","What are you looking for?","Select all that apply",N,a.seeking||[])}
      ${f("tags","Tags",(Array.isArray(a.tags)?a.tags:[]).join(", "),"Separate tags with commas, for example: waste, bins, missed collections")}
      ${f("contactName","Key contact name",a.contactName,"The person other councils should talk to","name")}
      ${f("contactEmail","Key contact email address",a.contactEmail,"","email","email")}
      ${I("links","Links",(Array.isArray(a.links)?a.links:[]).map(s=>`${s.label} | ${s.url}`).join(`
`),"One link on each line, as a label and a web address separated by a vertical bar, for example: Beta service | https://www.example.gov.uk/bins",4)}
      ${S("visibility","Who can see it?","You can change this at any time",B,a.visibility||"draft")}
      ${e?y("outcome","Outcome",a.outcome,1e4,"What worked, what did not, what others can reuse, savings if known",6):""}
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">
          ${e?"Save changes":"Save project"}
        </button>
        <a class="govuk-link" href="${t}">Cancel</a>
      </div>
    </form>
  </div>
</div>`}function f(e,t,a,s,o="",i="text"){let n="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${n}">
    ${t}
  </label>
  ${s?r`<div id="${n}-hint" class="govuk-hint">
    ${s}
  </div>`:""}
  <input class="govuk-input" id="${n}" name="${e}" type="${i}" value="${a||""}"${s?r` aria-describedby="${n}-hint"`:""}${o?r` autocomplete="${o}"`:""}${i==="email"?r` spellcheck="false"`:""}>
</div>`}function I(e,t,a,s,o){let i="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${i}">
    ${t}
  </label>
  <div id="${i}-hint" class="govuk-hint">
    ${s}
  </div>
  <textarea class="govuk-textarea" id="${i}" name="${e}" rows="${o}" aria-describedby="${i}-hint">${a||""}</textarea>
</div>`}function y(e,t,a,s,o,i){let n="f-"+e;return r`<div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="${s}">
  <label class="govuk-label govuk-label--s" for="${n}">
    ${t}
  </label>
  <div id="${n}-hint" class="govuk-hint">
    ${o}
  </div>
  <textarea class="govuk-textarea govuk-js-character-count" id="${n}" name="${e}" rows="${i}" aria-describedby="${n}-info ${n}-hint">${a||""}</textarea>
  <div id="${n}-info" class="govuk-hint govuk-character-count__message">
    You can enter up to ${s} characters
  </div>
</div>`}function S(e,t,a,s,o,i={}){let n=Object.entries(s).map(([l,c],d)=>{let u=d?`f-${e}-${l}`:`f-${e}`,k=i[l];return r`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${u}" name="${e}" type="radio" value="${l}"${l===o?" checked":""}${k?r` aria-describedby="${u}-item-hint"`:""}>
      <label class="govuk-label govuk-radios__label" for="${u}">
        ${c}
      </label>
      ${k?r`<div id="${u}-item-hint" class="govuk-hint govuk-radios__hint">
        ${k}
      </div>`:""}
    </div>`});return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${t}
    </legend>
    <div id="f-${e}-hint" class="govuk-hint">
      ${a}
    </div>
    <div class="govuk-radios" data-module="govuk-radios">
      ${n}
    </div>
  </fieldset>
</div>`}function Y(e,t,a,s,o){let i=Object.entries(s).map(([n,l],c)=>{let d=c?`f-${e}-${n}`:`f-${e}`;return r`<div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="${d}" name="${e}" type="checkbox" value="${n}"${o.includes(n)?" checked":""}>
      <label class="govuk-label govuk-checkboxes__label" for="${d}">
        ${l}
      </label>
    </div>`});return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${t}
    </legend>
    <div id="f-${e}-hint" class="govuk-hint">
      ${a}
    </div>
    <div class="govuk-checkboxes" data-module="govuk-checkboxes">
      ${i}
    </div>
  </fieldset>
</div>`}function F(e,t,a,s){let o="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${o}">
    ${t}
  </label>
  <select class="govuk-select" id="${o}" name="${e}">
    ${Object.entries(a).map(([i,n])=>r`<option value="${i}"${i===s?" selected":""}>${n}</option>`)}
  </select>
</div>`}function U(e){let t=(e||"").match(/^(\d{4})-(\d{2})-(\d{2})/);return t?{day:String(Number(t[3])),month:String(Number(t[2])),year:t[1]}:{day:"",month:"",year:""}}function W(e,t){let{legend:a}=p[e],s=U(t),o=(i,n,l)=>{let c=i==="day"?`f-${e}`:`f-${e}-${i}`;return r`<div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="${c}">
            ${n}
          </label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-${l}" id="${c}" name="${e}-${i}" type="text" inputmode="numeric" value="${s[i]}">
        </div>
      </div>`};return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" role="group" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${a}
    </legend>
    <div id="f-${e}-hint" class="govuk-hint">
      For example, 27 3 2026. Leave blank if you do not know.
    </div>
    <div class="govuk-date-input" id="f-${e}-date">
      ${o("day","Day",2)}
      ${o("month","Month",2)}
      ${o("year","Year",4)}
    </div>
  </fieldset>
</div>`}function O(e,t){let a=p[t].name,s=e[`${t}-day`]||"",o=e[`${t}-month`]||"",i=e[`${t}-year`]||"";if(!s&&!o&&!i)return{value:""};let n=[["day",s],["month",o],["year",i]].filter(([,c])=>!c).map(([c])=>c);if(n.length)return{error:`${a} must include a ${n.join(" and a ")}`};if(![s,o,i].every(c=>/^\d+$/.test(c))||i.length!==4)return{error:`${a} must be a real date`};let l=new Date(Date.UTC(Number(i),Number(o)-1,Number(s)));return l.getUTCFullYear()!==Number(i)||l.getUTCMonth()!==Number(o)-1||l.getUTCDate()!==Number(s)?{error:`${a} must be a real date`}:{value:l.toISOString().slice(0,10)+" 00:00:00.000Z"}}function L(e){let t={};e.title?e.title.length<3?t.title="Project title must be 3 characters or more":e.title.length>200&&(t.title="Project title must be 200 characters or fewer"):t.title="Enter a project title",e.summary?e.summary.length>300&&(t.summary="Summary must be 300 characters or fewer"):t.summary="Enter a summary of the project",(e.description||"").length>2e4&&(t.description="Description must be 20,000 characters or fewer"),$.includes(e.phase)||(t.phase="Choose the project's phase");let a={};for(let n of Object.keys(p)){let{value:l,error:c}=O(e,n);c?t[n]=c:a[n]=l}a.phaseStart&&a.phaseEnd&&a.phaseEnd<a.phaseStart&&(t.phaseEnd="Phase end must be on or after phase start");let s=P(e.tags),o=s.find(n=>n.length>40);s.length>20?t.tags="Enter 20 tags or fewer":o&&(t.tags=`Each tag must be 40 characters or fewer: "${o}" is longer`),e.contactEmail&&!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e.contactEmail)&&(t.contactEmail="Enter an email address in the correct format, like name@example.gov.uk");let i=C(e.links).find(n=>!/^https?:\/\/[^\s/]+/i.test(n.url));return i&&(t.links=`Enter a web address starting with https:// after the label of each link: check "${i.url||i.label}"`),(e.outcome||"").length>1e4&&(t.outcome="Outcome must be 10,000 characters or fewer"),t}function P(e){return(e||"").split(",").map(t=>t.trim()).filter(Boolean)}function C(e){return(e||"").split(`
`).map(t=>t.trim()).filter(Boolean).map(t=>{let a=t.lastIndexOf("|");return a<0?{label:"",url:t}:{label:t.slice(0,a).trim(),url:t.slice(a+1).trim()}})}function R(e,t){let a={title:e.title,summary:e.summary,description:e.description||"",phase:e.phase,budgetBand:e.budgetBand,seeking:e.seeking||[],tags:P(e.tags),contactName:e.contactName||"",contactEmail:e.contactEmail||"",links:C(e.links),visibility:e.visibility};for(let s of Object.keys(p))a[s]=O(e,s).value||"";return t&&(a.outcome=e.outcome||""),a}export{A as default};
