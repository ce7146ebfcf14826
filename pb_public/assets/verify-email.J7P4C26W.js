import{a as d,b as t,c as r,f as c}from"./chunk.K2CLG4ZI.js";import{e as m}from"./chunk.72PWGZHD.js";import{b as a,c as s,d as l}from"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";var g="/sign-in?next="+encodeURIComponent("/verify-email");async function p(){let o=l("verify"),e=new URLSearchParams(window.location.search).get("token");if(!e){await w(o);return}try{await t.collection("users").confirmVerification(e)}catch(n){b(o,n);return}await v(o,e)}function i(o,e,n){document.title=`${e} \u2013 Pipeline`,s(o,a`<h1 class="govuk-heading-l">${e}</h1>${n}`)}async function v(o,e){let n=r();if(n&&d(e).id===n.id?n=await c():n=null,!n){i(o,"Your email address is verified",a`
      <p class="govuk-body">Sign in to finish setting up your account. If your organisation has registered the domain of your email address, you are already a member of it. If not, you can ask to join it.</p>
      <a href="/sign-in?next=%2Fjoin" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
        Sign in
      </a>`);return}i(o,"Your email address is verified",await y(n))}async function y(o){if(o.membership==="approved"){let e=await f(o.organisation);return a`
      ${e?a`<p class="govuk-body">You are a member of <strong>${e}</strong>.</p>`:""}
      <a href="/my" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
        Go to My Pipeline
      </a>`}if(o.membership==="pending"&&o.organisation){let e=await f(o.organisation);return a`
      <div class="govuk-inset-text">
        You have asked to join ${e||"an organisation"}. An organisation admin or a coordinator will decide.
      </div>
      <p class="govuk-body"><a class="govuk-link" href="/my">Go to My Pipeline</a></p>`}return a`
    <h2 class="govuk-heading-m">Next, ask to join your organisation</h2>
    <p class="govuk-body">Once you are a member, you can publish your organisation’s projects and respond to interest in them.</p>
    <a href="/join" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
      Ask to join your organisation
    </a>`}async function f(o){if(!o)return"";try{return(await t.collection("organisations").getOne(o,{fields:"id,name"})).name}catch{return""}}function b(o,e){if(e?.status!==400&&e?.status!==404){i(o,"Sorry, there is a problem",a`
      <p class="govuk-body">${e?.status===0?"Pipeline could not be reached. Check your connection, then follow the link in your email again.":"Your email address could not be verified just now. Follow the link in your email again later."}</p>`);return}let n=r();if(!n){i(o,"This link has expired or does not work",a`
      <p class="govuk-body">The link may be old, or it may not have been copied in full.</p>
      <p class="govuk-body">Sign in and we will send you a new link.</p>
      <a href="${g}" role="button" draggable="false" class="govuk-button" data-module="govuk-button">
        Sign in
      </a>`);return}if(n.verified){i(o,"This link has expired or does not work",a`
      <p class="govuk-body">Your email address ${n.email} is already verified, so you do not need a new link.</p>
      <p class="govuk-body"><a class="govuk-link" href="/my">Go to My Pipeline</a></p>`);return}i(o,"This link has expired or does not work",a`
    <p class="govuk-body">The link may be old, or it may not have been copied in full.</p>
    ${h(n)}`),k(n)}async function w(o){let e=r();if(!e){i(o,"Verify your email address",a`
      <p class="govuk-body">Follow the link in the email we sent you when you created your account.</p>
      <p class="govuk-body">If the link has expired, <a class="govuk-link" href="${g}">sign in</a> and we will send you a new one.</p>`);return}if(e.verified){i(o,"Your email address is verified",await y(e));return}i(o,"Verify your email address",a`
    <p class="govuk-body">We sent a link to <strong>${e.email}</strong> when you created your account. Follow the link in that email to verify your email address.</p>
    <p class="govuk-body">If you cannot find the email, check your spam or junk folder.</p>
    ${h(e)}`),k(e)}function h(o){return a`<form id="resend-form" method="post">
    <p class="govuk-body">We can send a new link to <strong>${o.email}</strong>. It expires after 24 hours.</p>
    <button type="submit" class="govuk-button" data-module="govuk-button">
      Send a new link
    </button>
  </form>`}function k(o){let e=l("resend-form");m(e,{async save(){try{await t.collection("users").requestVerification(o.email)}catch(u){throw u?.status===429?$("You have asked for too many links. Wait a minute, then try again."):u}let n=document.createElement("div");s(n,a`<div class="govuk-inset-text">
        We have sent a new link to <strong>${o.email}</strong>. Follow it within 24 hours.
      </div>`),e.replaceWith(...n.childNodes)}})}function $(o){return Object.assign(new Error(o),{response:{message:o}})}export{p as default};
