import{b as a}from"./chunk.VAEIOEPD.js";import{b as o,c as r}from"./chunk.UP4GBFVW.js";function l(){document.querySelectorAll("[data-banner]").forEach(t=>t.replaceChildren())}function d(t,e,i){r(t,o`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="${e}" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="${e}">
      Success
    </h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">
      ${i}
    </p>
  </div>
</div>`),new a(t.firstElementChild)}function u(t,e){t.addEventListener("click",async i=>{let n=i.target.closest("button[data-action]");if(!(!n||!t.contains(n)||n.disabled)){n.disabled=!0,n.setAttribute("aria-disabled","true");try{await e(n)}finally{n.isConnected&&(n.disabled=!1,n.removeAttribute("aria-disabled"))}}})}export{l as a,d as b,u as c};
