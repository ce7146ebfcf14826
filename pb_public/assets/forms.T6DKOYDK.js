import{a,b,c,d,e}from"./chunk.I2JTCMTE.js";import"./chunk.NB2EC3K5.js";import"./chunk.OQZJGNU5.js";export{b as clearErrors,a as errorsFrom,d as formData,e as handleForm,c as showErrors};
