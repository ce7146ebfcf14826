function e(t){return/^https?:\/\//i.test(t||"")}function s(t){return/^\/(?![/\\])/.test(t||"")||e(t)?t:""}export{e as a,s as b};
