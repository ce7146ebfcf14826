import{a as b,b as k}from"./chunk.JNNZNCOC.js";import{b as l,c as g,d as v,e as m,g as y}from"./chunk.4EBPNJUS.js";import{b as s,c as d,d as f}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";async function w(){let a=f("update-form-page");if(!y())return;let c=window.location.pathname.match(/^\/projects\/([^/]+)\/update\/?$/),n=c?decodeURIComponent(c[1]):"",e;try{if(!n)throw Object.assign(new Error("No project"),{status:404});e=await l.collection("projects").getFirstListItem(l.filter("slug = {:s}",{s:n}),{expand:"organisation"})}catch(t){t?.status===404?(u("Project not found"),d(a,s`<h1 class="govuk-heading-l">Project not found</h1>
        <p class="govuk-body">If you typed the web address, check it is correct.</p>
        <p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`)):(u("Sorry, there is a problem"),d(a,s`<h1 class="govuk-heading-l">Sorry, there is a problem</h1>
        <p class="govuk-body">The project could not be loaded. Check your connection and try again later.</p>`));return}let i="/projects/"+e.slug,o=m(e.organisation),p=v()&&!!g().organisation&&(e.partners||[]).includes(g().organisation)&&e.visibility==="published";if(!o&&!p){u("You cannot post an update on this project"),d(a,s`<h1 class="govuk-heading-l">You cannot post an update on this project</h1>
      ${v()?s`<p class="govuk-body">Only officers of ${e.expand?.organisation?.name||"the project's organisation"} and of its partner organisations can post updates on it.</p>`:s`<p class="govuk-body">You can post updates once your organisation membership is approved.</p>
          <p class="govuk-body"><a class="govuk-link" href="/join">Check your membership</a></p>`}
      <p class="govuk-body"><a class="govuk-link" href="${i}">Go back to ${e.title}</a></p>`);return}u("Post an update on "+e.title);let{handleForm:h}=await import("./forms.7CNEEBY3.js");d(a,$(e,o,i)),h(f("update-form"),{validate(t){let r={};return t.body?t.body.length>1e4&&(r.body="Your update must be 10,000 characters or fewer"):r.body="Enter what has happened",o&&t.phaseTo&&!b.includes(t.phaseTo)&&(r.phaseTo="Choose a phase, or no change"),r},async save(t){let r={project:e.id,body:t.body};o&&(r.phaseTo=t.phaseTo||""),await l.collection("updates").create(r),window.location.assign(i+"?done=update")},messages:{body:{validation_required:"Enter what has happened",validation_max_text_constraint:"Your update must be 10,000 characters or fewer"}}})}function u(a){document.title=`${a} \u2013 Pipeline`}function $(a,c,n){let e=b.filter(o=>o!==a.phase),i=(o,p,h,t)=>s`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${o}" name="phaseTo" type="radio" value="${p}"${t?" checked":""}>
      <label class="govuk-label govuk-radios__label" for="${o}">
        ${h}
      </label>
    </div>`;return s`<a href="${n}" class="govuk-back-link">Back</a>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Post an update on ${a.title}</h1>
    <p class="govuk-body">Everyone following the project will be told about your update.</p>
    <form id="update-form" novalidate>
      <div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="10000">
        <label class="govuk-label govuk-label--m" for="f-body">
          What has happened?
        </label>
        <div id="f-body-hint" class="govuk-hint">
          Tell followers what has changed, what you have learned, and what you need
        </div>
        <textarea class="govuk-textarea govuk-js-character-count" id="f-body" name="body" rows="8" aria-describedby="f-body-info f-body-hint"></textarea>
        <div id="f-body-info" class="govuk-hint govuk-character-count__message">
          You can enter up to 10000 characters
        </div>
      </div>
      ${c?s`<div class="govuk-form-group">
        <fieldset class="govuk-fieldset" aria-describedby="f-phaseTo-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
            Has the project moved to another phase?
          </legend>
          <div id="f-phaseTo-hint" class="govuk-hint">
            It is in ${k[a.phase]||a.phase} now. If you choose a new phase, it starts today.
          </div>
          <div class="govuk-radios" data-module="govuk-radios">
            ${i("f-phaseTo","","No change",!0)}
            <div class="govuk-radios__divider">or</div>
            ${e.map(o=>i("f-phaseTo-"+o,o,k[o],!1))}
          </div>
        </fieldset>
      </div>`:""}
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Post update
        </button>
        <a class="govuk-link" href="${n}">Cancel</a>
      </div>
    </form>
  </div>
</div>`}export{w as default};
