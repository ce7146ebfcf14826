import{a as v,b as $,c as y,d as x,e as _}from"./chunk.BARWXXO5.js";import{a as i,b as d,c as f}from"./chunk.NB2EC3K5.js";import{c}from"./chunk.4Z623U3W.js";var j=200,S=1440*60*1e3,k=["tag","phase","nation","region"];async function M(){let t=new URLSearchParams(window.location.search),e=Object.fromEntries(k.map(s=>[s,(t.get(s)||"").trim()]));v.includes(e.phase)||(e.phase="");for(let s of k){let a=f("f-"+s);a.value=e[s],a.tagName==="SELECT"&&a.value!==e[s]&&(a.value="")}await T(e)}function E(t){let e=['visibility = "published"','(phaseStart != "" || phaseEnd != "")'];return t.tag&&e.push(c.filter("tags ~ {:tag}",{tag:t.tag})),t.phase&&e.push(c.filter("phase = {:phase}",{phase:t.phase})),t.nation&&e.push(c.filter("organisation.nation = {:nation}",{nation:t.nation})),t.region&&e.push(c.filter("organisation.region = {:region}",{region:t.region})),e.join(" && ")}function p(t){if(!t)return null;let e=Date.parse(t.replace(" ","T"));return Number.isNaN(e)?null:e}function w(t){return new Date(t).toLocaleDateString("en-GB",{month:"short",year:"numeric",timeZone:"Europe/London"})}function N(t,e){let s=t.flatMap(n=>[p(n.phaseStart),p(n.phaseEnd)]).filter(n=>n!==null),a=Math.min(e,...s),o=Math.max(e,...s);if(!s.length||o-a<30*S){let n=new Date(e);a=Math.min(a,new Date(n.getFullYear(),n.getMonth()-6,n.getDate()).getTime()),o=Math.max(o,new Date(n.getFullYear(),n.getMonth()+6,n.getDate()).getTime())}return{from:a,to:o,x:n=>Math.round((n-a)/(o-a)*1e3)/10}}function b(t){let e=[];return t.tag&&e.push(`tagged \u201C${t.tag}\u201D`),t.phase&&e.push(`in the ${$[t.phase]} phase`),t.nation&&e.push(`in ${y[t.nation]||t.nation}`),t.region&&e.push(`in ${t.region}`),e.join(", ")}async function T(t){let e=f("results"),s=k.some(l=>t[l]),a;try{a=await c.collection("projects").getList(1,j,{filter:E(t),sort:"phaseStart",expand:"organisation",fields:"id,title,slug,phase,phaseStart,phaseEnd,expand.organisation.name,expand.organisation.slug"})}catch{d(e,i`<p class="govuk-body">The timeline could not be loaded. Try again, or <a class="govuk-link" href="/timeline">clear the filters</a>.</p>`);return}if(!a.items.length){d(e,s?i`<h2 class="govuk-heading-m">No projects found</h2>
        <p class="govuk-body">No published projects with phase dates match these filters${b(t)?i` (${b(t)})`:""}.</p>
        <p class="govuk-body">You could <a class="govuk-link" href="/timeline">clear the filters</a> or <a class="govuk-link" href="/projects">search all projects</a>.</p>`:i`<h2 class="govuk-heading-m">No projects found</h2>
        <p class="govuk-body">No published project has a phase start or end date yet. <a class="govuk-link" href="/projects">See all projects</a>.</p>`);return}let o=a.items.map((l,u)=>({p:l,i:u,key:p(l.phaseStart)??p(l.phaseEnd)})).sort((l,u)=>l.key-u.key||l.i-u.i).map(({p:l})=>l),n=Date.now(),r=N(o,n),g=a.totalItems===1?"1 project":`${a.totalItems} projects`,h=a.totalItems>o.length?` (the first ${o.length} are shown)`:"",m=b(t);d(e,i`<p class="govuk-body govuk-!-font-weight-bold">${g} with phase dates${m?i`, ${m}`:""}${h}</p>
    <p class="govuk-body">Each bar runs from the start to the end of a project's current phase. A paler bar runs to the edge of the chart where the start or end date is not set. The dashed line marks today.</p>
    <div class="app-table-wrapper">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Phases, earliest start first</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Project</th>
            <th scope="col" class="govuk-table__header">Organisation</th>
            <th scope="col" class="govuk-table__header">Phase</th>
            <th scope="col" class="govuk-table__header">Started</th>
            <th scope="col" class="govuk-table__header">Ends</th>
            <th scope="col" class="govuk-table__header app-timeline-chart">
              <span class="govuk-visually-hidden">Timeline (a picture of the Started and Ends dates)</span>
              <span class="app-timeline-axis" aria-hidden="true">
                <span class="app-timeline-axis__ends"><span>${w(r.from)}</span><span>${w(r.to)}</span></span>
                <span class="app-timeline-axis__today" data-x="${r.x(n)}">Today</span>
              </span>
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">${o.map(l=>D(l,r,n))}</tbody>
      </table>
    </div>
    <p class="govuk-body"><a class="govuk-link" href="/projects">See all projects as a list you can search</a></p>`),I(e)}function D(t,e,s){let a=t.expand?.organisation;return i`<tr class="govuk-table__row">
    <td class="govuk-table__cell"><a class="govuk-link" href="/projects/${t.slug}">${t.title}</a></td>
    <td class="govuk-table__cell">${a?i`<a class="govuk-link" href="/organisations/${a.slug}">${a.name}</a>`:""}</td>
    <td class="govuk-table__cell">${x(t.phase)}</td>
    <td class="govuk-table__cell">${_(t.phaseStart)||"Not set"}</td>
    <td class="govuk-table__cell">${_(t.phaseEnd)||"Not set"}</td>
    <td class="govuk-table__cell app-timeline-chart">${L(t,e,s)}</td>
  </tr>`}function L(t,e,s){let a=p(t.phaseStart),o=p(t.phaseEnd),n=a===null?0:e.x(a),r=o===null?100:e.x(o),g=Math.min(n,r),h=Math.max(Math.abs(r-n),.8);return i`<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false" class="app-timeline-bar">
    <rect class="app-timeline-bar__track" x="0" y="4.5" width="100" height="1"></rect>
    <rect class="${a===null||o===null?"app-timeline-bar__open":"app-timeline-bar__span"}" x="${Math.min(g,100-h)}" y="2" width="${h}" height="6"></rect>
    ${a!==null&&o===null?i`<rect class="app-timeline-bar__span" x="${Math.min(n,99.2)}" y="2" width="0.8" height="6"></rect>`:""}
    ${a===null&&o!==null?i`<rect class="app-timeline-bar__span" x="${Math.max(r-.8,0)}" y="2" width="0.8" height="6"></rect>`:""}
    <line class="app-timeline-bar__today-halo" x1="${e.x(s)}" x2="${e.x(s)}" y1="0" y2="10" vector-effect="non-scaling-stroke"></line>
    <line class="app-timeline-bar__today" x1="${e.x(s)}" x2="${e.x(s)}" y1="0" y2="10" vector-effect="non-scaling-stroke"></line>
  </svg>`}function I(t){let e=t.querySelector(".app-timeline-axis__today");if(!e)return;let s=Number(e.dataset.x);e.style.left=`${s}%`,s<12?e.classList.add("app-timeline-axis__today--start"):s>88&&e.classList.add("app-timeline-axis__today--end")}export{M as default};
