import{a as S,b as T}from"./chunk.T46U2HGF.js";import{a as $,b as x,c as E,d as N}from"./chunk.JNNZNCOC.js";import{b as g,c as v,d as w,e as _,g as j}from"./chunk.K2CLG4ZI.js";import{b as r,c as d,d as b}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";var A={concept:"An idea that has not started yet",discovery:"Understanding the problem and users",alpha:"Trying out different ways to solve the problem",beta:"Building the service and testing it with real users",live:"Running the service and improving it",retired:"The service has stopped, been replaced or the work has ended"},p={phaseStart:{legend:"When did this phase start?",name:"Phase start"},phaseEnd:{legend:"When is this phase planned to end?",name:"Phase end"},nextAssessment:{legend:"When is the next service assessment?",name:"Next service assessment"}},I={draft:"Draft: only people in your organisation can see it",published:"Published: everyone can see it"};async function Y(){let e=b("project-form-page"),s=window.location.pathname.replace(/\/+$/,"").match(/^\/projects\/([^/]+)\/edit$/),a=!!s;if(!j())return;if(!w()){h(a?"Edit a project":"Add a project"),d(e,r`<h1 class="govuk-heading-l">${a?"You cannot edit this project yet":"You cannot add a project yet"}</h1>
      <p class="govuk-body">You can add and edit your organisation's projects once your organisation membership is approved.</p>
      <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`);return}let o=null;if(a){let l=decodeURIComponent(s[1]);try{o=await g.collection("projects").getFirstListItem(g.filter("slug = {:s}",{s:l}),{expand:"organisation"})}catch(u){u?.status===404?(h("Project not found"),d(e,r`<h1 class="govuk-heading-l">Project not found</h1>
          <p class="govuk-body">If you typed the web address, check it is correct.</p>
          <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)):(h("Sorry, there is a problem"),d(e,r`<h1 class="govuk-heading-l">Sorry, there is a problem</h1>
          <p class="govuk-body">The project could not be loaded. Check your connection and try again later.</p>`));return}if(!_(o.organisation)){h("You cannot edit this project"),d(e,r`<h1 class="govuk-heading-l">You cannot edit this project</h1>
        <p class="govuk-body">Only officers of ${o.expand?.organisation?.name||"the project's organisation"} can edit it.</p>
        <p class="govuk-body"><a class="govuk-link" href="/projects/${o.slug}">Go back to ${o.title}</a></p>`);return}h("Edit "+o.title)}else h("Add a project");let{handleForm:i}=await import("./forms.7CNEEBY3.js"),n=o?"/projects/"+o.slug:"/projects";d(e,D(o,n));let c=b("project-form");L(c),i(c,{validate:M,async save(l){let u=H(l,!!o),m=o?await g.collection("projects").update(o.id,u):await g.collection("projects").create({...u,organisation:v().organisation});window.location.assign("/projects/"+encodeURIComponent(m.slug)+"?done="+(o?"saved":"created"))},messages:{title:{validation_required:"Enter a title",validation_min_text_constraint:"Project title must be 3 characters or more",validation_max_text_constraint:"Project title must be 200 characters or fewer"},summary:{validation_required:"Enter a summary",validation_max_text_constraint:"Summary must be 300 characters or fewer"},description:{validation_max_text_constraint:"Description must be 20,000 characters or fewer"},phase:{validation_required:"Choose the project's phase"},phaseEnd:{pipeline_dates_order:"Phase end must be on or after phase start"},contactEmail:{validation_is_email:"Enter an email address in the correct format, like name@example.gov.uk"},outcome:{validation_max_text_constraint:"Outcome must be 10,000 characters or fewer"}}})}function h(e){document.title=`${e} \u2013 Pipeline`}function D(e,t){let s=e||{phase:"",budgetBand:"unknown",visibility:"draft",seeking:[],tags:[],links:[],contactName:v().name||"",contactEmail:v().email||""};return r`<a href="${t}" class="govuk-back-link">Back</a>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${e?r`<span class="govuk-caption-l">${e.title}</span>
    <h1 class="govuk-heading-l">Edit project</h1>`:r`<h1 class="govuk-heading-l">Add a project</h1>
    <p class="govuk-body">Tell other councils what you are working on, so that they can find it, follow it and work with you. It stays a draft, seen only by your organisation, until you publish it.</p>`}
    <form id="project-form" novalidate>
      ${f("title","Project title",s.title,"For example, Report a missed bin collection")}
      ${y("summary","Summary",s.summary,300,"One or two sentences: what problem, for whom",3)}
      ${y("description","Description",s.description,2e4,"What the problem is, who has it, what you have found out and what you plan to do. Leave a blank line between paragraphs.",10)}
      ${O("phase","Phase","Choose the phase the project is in now",Object.fromEntries($.map(a=>[a,x[a]])),s.phase,A)}
      ${Object.keys(p).map(a=>q(a,s[a]))}
      ${W("budgetBand","Budget",E,s.budgetBand||"unknown")}
      ${U("seeking","What are you looking for?","Select all that apply",N,s.seeking||[])}
      ${f("tags","Tags",(Array.isArray(s.tags)?s.tags:[]).join(", "),"Separate tags with commas, for example: waste, bins, missed collections")}
      ${f("contactName","Key contact name",s.contactName,"The person other councils should talk to","name")}
      ${f("contactEmail","Key contact email address",s.contactEmail,"","email","email")}
      ${F("links","Links",(Array.isArray(s.links)?s.links:[]).map(a=>`${a.label} | ${a.url}`).join(`
`),"One link on each line, as a label and a web address separated by a vertical bar, for example: Beta service | https://www.example.gov.uk/bins",4)}
      ${O("visibility","Who can see it?","You can change this at any time",I,s.visibility||"draft")}
      ${e?y("outcome","Outcome",s.outcome,1e4,"What worked, what did not, what others can reuse, savings if known",6):""}
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
      <div id="similar-as-you-type" aria-live="polite"></div>
    </aside>
  </div>`}
</div>`}function L(e){let t=document.getElementById("similar-as-you-type");if(!t)return;let s,a="",o=async()=>{let i=`${e.elements.title.value} ${e.elements.summary.value} ${e.elements.tags.value}`.trim();if(!(i===a||i.length<4)){a=i;try{let n=await S({text:i,limit:5});if(i!==a)return;d(t,n.length?r`<p class="govuk-body govuk-!-font-weight-bold">These councils are working on something similar:</p>${T(n)}`:r`<p class="govuk-body">No similar projects found yet.</p>`)}catch{}}};for(let i of["title","summary","tags"])e.elements[i].addEventListener("input",()=>{clearTimeout(s),s=setTimeout(o,400)})}function f(e,t,s,a,o="",i="text"){let n="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${n}">
    ${t}
  </label>
  ${a?r`<div id="${n}-hint" class="govuk-hint">
    ${a}
  </div>`:""}
  <input class="govuk-input" id="${n}" name="${e}" type="${i}" value="${s||""}"${a?r` aria-describedby="${n}-hint"`:""}${o?r` autocomplete="${o}"`:""}${i==="email"?r` spellcheck="false"`:""}>
</div>`}function F(e,t,s,a,o){let i="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${i}">
    ${t}
  </label>
  <div id="${i}-hint" class="govuk-hint">
    ${a}
  </div>
  <textarea class="govuk-textarea" id="${i}" name="${e}" rows="${o}" aria-describedby="${i}-hint">${s||""}</textarea>
</div>`}function y(e,t,s,a,o,i){let n="f-"+e;return r`<div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="${a}">
  <label class="govuk-label govuk-label--s" for="${n}">
    ${t}
  </label>
  <div id="${n}-hint" class="govuk-hint">
    ${o}
  </div>
  <textarea class="govuk-textarea govuk-js-character-count" id="${n}" name="${e}" rows="${i}" aria-describedby="${n}-info ${n}-hint">${s||""}</textarea>
  <div id="${n}-info" class="govuk-hint govuk-character-count__message">
    You can enter up to ${a} characters
  </div>
</div>`}function O(e,t,s,a,o,i={}){let n=Object.entries(a).map(([c,l],u)=>{let m=u?`f-${e}-${c}`:`f-${e}`,k=i[c];return r`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${m}" name="${e}" type="radio" value="${c}"${c===o?" checked":""}${k?r` aria-describedby="${m}-item-hint"`:""}>
      <label class="govuk-label govuk-radios__label" for="${m}">
        ${l}
      </label>
      ${k?r`<div id="${m}-item-hint" class="govuk-hint govuk-radios__hint">
        ${k}
      </div>`:""}
    </div>`});return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${t}
    </legend>
    <div id="f-${e}-hint" class="govuk-hint">
      ${s}
    </div>
    <div class="govuk-radios" data-module="govuk-radios">
      ${n}
    </div>
  </fieldset>
</div>`}function U(e,t,s,a,o){let i=Object.entries(a).map(([n,c],l)=>{let u=l?`f-${e}-${n}`:`f-${e}`;return r`<div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="${u}" name="${e}" type="checkbox" value="${n}"${o.includes(n)?" checked":""}>
      <label class="govuk-label govuk-checkboxes__label" for="${u}">
        ${c}
      </label>
    </div>`});return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${t}
    </legend>
    <div id="f-${e}-hint" class="govuk-hint">
      ${s}
    </div>
    <div class="govuk-checkboxes" data-module="govuk-checkboxes">
      ${i}
    </div>
  </fieldset>
</div>`}function W(e,t,s,a){let o="f-"+e;return r`<div class="govuk-form-group">
  <label class="govuk-label govuk-label--s" for="${o}">
    ${t}
  </label>
  <select class="govuk-select" id="${o}" name="${e}">
    ${Object.entries(s).map(([i,n])=>r`<option value="${i}"${i===a?" selected":""}>${n}</option>`)}
  </select>
</div>`}function R(e){let t=(e||"").match(/^(\d{4})-(\d{2})-(\d{2})/);return t?{day:String(Number(t[3])),month:String(Number(t[2])),year:t[1]}:{day:"",month:"",year:""}}function q(e,t){let{legend:s}=p[e],a=R(t),o=(i,n,c)=>{let l=i==="day"?`f-${e}`:`f-${e}-${i}`;return r`<div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="${l}">
            ${n}
          </label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-${c}" id="${l}" name="${e}-${i}" type="text" inputmode="numeric" value="${a[i]}">
        </div>
      </div>`};return r`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" role="group" aria-describedby="f-${e}-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
      ${s}
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
</div>`}function P(e,t){let s=p[t].name,a=e[`${t}-day`]||"",o=e[`${t}-month`]||"",i=e[`${t}-year`]||"";if(!a&&!o&&!i)return{value:""};let n=[["day",a],["month",o],["year",i]].filter(([,l])=>!l).map(([l])=>l);if(n.length)return{error:`${s} must include a ${n.join(" and a ")}`};if(![a,o,i].every(l=>/^\d+$/.test(l))||i.length!==4)return{error:`${s} must be a real date`};let c=new Date(Date.UTC(Number(i),Number(o)-1,Number(a)));return c.getUTCFullYear()!==Number(i)||c.getUTCMonth()!==Number(o)-1||c.getUTCDate()!==Number(a)?{error:`${s} must be a real date`}:{value:c.toISOString().slice(0,10)+" 00:00:00.000Z"}}function M(e){let t={};e.title?e.title.length<3?t.title="Project title must be 3 characters or more":e.title.length>200&&(t.title="Project title must be 200 characters or fewer"):t.title="Enter a project title",e.summary?e.summary.length>300&&(t.summary="Summary must be 300 characters or fewer"):t.summary="Enter a summary of the project",(e.description||"").length>2e4&&(t.description="Description must be 20,000 characters or fewer"),$.includes(e.phase)||(t.phase="Choose the project's phase");let s={};for(let n of Object.keys(p)){let{value:c,error:l}=P(e,n);l?t[n]=l:s[n]=c}s.phaseStart&&s.phaseEnd&&s.phaseEnd<s.phaseStart&&(t.phaseEnd="Phase end must be on or after phase start");let a=B(e.tags),o=a.find(n=>n.length>40);a.length>20?t.tags="Enter 20 tags or fewer":o&&(t.tags=`Each tag must be 40 characters or fewer: "${o}" is longer`),e.contactEmail&&!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e.contactEmail)&&(t.contactEmail="Enter an email address in the correct format, like name@example.gov.uk");let i=C(e.links).find(n=>!/^https?:\/\/[^\s/]+/i.test(n.url));return i&&(t.links=`Enter a web address starting with https:// after the label of each link: check "${i.url||i.label}"`),(e.outcome||"").length>1e4&&(t.outcome="Outcome must be 10,000 characters or fewer"),t}function B(e){return(e||"").split(",").map(t=>t.trim()).filter(Boolean)}function C(e){return(e||"").split(`
`).map(t=>t.trim()).filter(Boolean).map(t=>{let s=t.lastIndexOf("|");return s<0?{label:"",url:t}:{label:t.slice(0,s).trim(),url:t.slice(s+1).trim()}})}function H(e,t){let s={title:e.title,summary:e.summary,description:e.description||"",phase:e.phase,budgetBand:e.budgetBand,seeking:e.seeking||[],tags:B(e.tags),contactName:e.contactName||"",contactEmail:e.contactEmail||"",links:C(e.links),visibility:e.visibility};for(let a of Object.keys(p))s[a]=P(e,a).value||"";return t&&(s.outcome=e.outcome||""),s}export{Y as default};
