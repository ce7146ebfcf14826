import{a,b,c,d,e}from"./chunk.72PWGZHD.js";import"./chunk.UP4GBFVW.js";import"./chunk.OQZJGNU5.js";export{b as clearErrors,a as errorsFrom,d as formData,e as handleForm,c as showErrors};
