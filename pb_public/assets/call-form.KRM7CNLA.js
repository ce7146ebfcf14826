import{b as h}from"./chunk.TDJSCX5U.js";import{b as s,c as r,d as c}from"./chunk.UP4GBFVW.js";import{c as i,f,h as k}from"./chunk.2RJMAO74.js";async function _(){if(!k())return;let d=c("call-form-page"),b=decodeURIComponent(window.location.pathname.split("/")[2]||""),a;try{a=await i.collection("projects").getFirstListItem(i.filter("slug = {:s}",{s:b}))}catch{r(d,s`<h1 class="govuk-heading-l">Project not found</h1><p class="govuk-body"><a class="govuk-link" href="/projects">Browse all projects</a></p>`);return}if(document.title=`Open a partner call for ${a.title} \u2013 Pipeline`,!f(a.organisation)){r(d,s`<h1 class="govuk-heading-l">You cannot open a call on this project</h1>
      <p class="govuk-body">Only officers of the project’s own organisation can open a partner call. <a class="govuk-link" href="/projects/${a.slug}">Go back to ${a.title}</a></p>`);return}let y=new Date(Date.now()+7*864e5),w=new Date(Date.now()+120*864e5),g=e=>e.toLocaleDateString("en-GB",{day:"numeric",month:"long",year:"numeric"});r(d,s`<a href="/projects/${a.slug}" class="govuk-back-link">Back</a>
  <span class="govuk-caption-l">${a.title}</span>
  <h1 class="govuk-heading-l">Open a partner call</h1>
  <p class="govuk-body">Say what you will build if enough councils commit, and by when. Councils pledge funding, days of work or both. If the pledges meet every goal you set by the deadline, the partnership forms and they become the project’s partners. If not, nobody is committed.</p>
  <div class="govuk-inset-text">Once the call is open you cannot change its goal or deadline. You can cancel it.</div>
  <form id="call-form" novalidate>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="f-description">What will you build if the call succeeds?</label>
      <div class="govuk-hint" id="f-description-hint">For example: We will build a shared missed-bin service if 3 councils commit £20,000 or 30 days between them.</div>
      <textarea class="govuk-textarea" id="f-description" name="description" rows="4" aria-describedby="f-description-hint"></textarea>
    </div>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="f-partnersCommit">What does each partner commit to?</label>
      <textarea class="govuk-textarea" id="f-partnersCommit" name="partnersCommit" rows="3"></textarea>
    </div>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="f-partnersGet">What do partners get?</label>
      <textarea class="govuk-textarea" id="f-partnersGet" name="partnersGet" rows="3"></textarea>
    </div>
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" aria-describedby="goal-hint">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">The goal</legend>
        <div class="govuk-hint" id="goal-hint">Set one or more. The call succeeds when every goal you set is met.</div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-goalPartners">Number of partner organisations</label>
          <input class="govuk-input govuk-input--width-3" id="f-goalPartners" name="goalPartners" type="text" inputmode="numeric" spellcheck="false">
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-goalFunding">Funding, in pounds</label>
          <div class="govuk-input__wrapper"><div class="govuk-input__prefix" aria-hidden="true">£</div>
            <input class="govuk-input govuk-input--width-10" id="f-goalFunding" name="goalFunding" type="text" inputmode="numeric" spellcheck="false"></div>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="f-goalDays">Days of work</label>
          <input class="govuk-input govuk-input--width-5" id="f-goalDays" name="goalDays" type="text" inputmode="numeric" spellcheck="false">
        </div>
      </fieldset>
    </div>
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" role="group" aria-describedby="f-deadline-hint">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Deadline</legend>
        <div class="govuk-hint" id="f-deadline-hint">Between ${g(y)} and ${g(w)}. The call closes at the end of that day.</div>
        <div class="govuk-date-input">
          <div class="govuk-date-input__item"><div class="govuk-form-group">
            <label class="govuk-label govuk-date-input__label" for="f-deadline">Day</label>
            <input class="govuk-input govuk-date-input__input govuk-input--width-2" id="f-deadline" name="deadline-day" type="text" inputmode="numeric"></div></div>
          <div class="govuk-date-input__item"><div class="govuk-form-group">
            <label class="govuk-label govuk-date-input__label" for="f-deadline-month">Month</label>
            <input class="govuk-input govuk-date-input__input govuk-input--width-2" id="f-deadline-month" name="deadline-month" type="text" inputmode="numeric"></div></div>
          <div class="govuk-date-input__item"><div class="govuk-form-group">
            <label class="govuk-label govuk-date-input__label" for="f-deadline-year">Year</label>
            <input class="govuk-input govuk-date-input__input govuk-input--width-4" id="f-deadline-year" name="deadline-year" type="text" inputmode="numeric"></div></div>
        </div>
      </fieldset>
    </div>
    <div class="govuk-button-group">
      <button type="submit" class="govuk-button" data-module="govuk-button">Open the call</button>
      <a class="govuk-link" href="/projects/${a.slug}">Cancel</a>
    </div>
  </form>`),h(c("call-form"),{validate(e){let t={};e.description||(t.description="Say what you will build if the call succeeds");let l=["goalPartners","goalFunding","goalDays"];for(let n of l){let m=String(e[n]||"").replace(/[£,\s]/g,"");m&&!/^\d+$/.test(m)&&(t[n]="Enter a whole number")}!Object.keys(t).length&&!l.some(n=>Number(String(e[n]||"").replace(/[£,\s]/g,""))>0)&&(t.goalPartners="Set a goal: a number of partners, an amount of funding or a number of days");let o=Number(e["deadline-day"]),u=Number(e["deadline-month"]),p=Number(e["deadline-year"]),v=new Date(Date.UTC(p,u-1,o,23,59,0));return(!o||!u||!p||v.getUTCDate()!==o||v.getUTCMonth()!==u-1)&&(t.deadline="Enter a real date for the deadline, like 31 3 2027"),t},async save(e){let t=o=>Number(String(o||"0").replace(/[£,\s]/g,""))||0,l=new Date(Date.UTC(Number(e["deadline-year"]),Number(e["deadline-month"])-1,Number(e["deadline-day"]),23,59,0));await i.collection("calls").create({project:a.id,description:e.description,partnersCommit:e.partnersCommit,partnersGet:e.partnersGet,goalPartners:t(e.goalPartners),goalFunding:t(e.goalFunding),goalDays:t(e.goalDays),deadline:l.toISOString().replace("T"," ")}),window.location.assign(`/projects/${encodeURIComponent(a.slug)}#call`)},messages:{deadline:{pipeline_deadline_range:"The deadline must be between 7 and 120 days from today"},project:{pipeline_call_open:"This project already has an open call"}}})}export{_ as default};
