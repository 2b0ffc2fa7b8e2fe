import{C as e,F as t,P as n,Z as r,_ as i,_t as a,d as o,i as s,l as c,p as l,r as u,tt as d,u as f,y as p}from"./runtime-core.esm-bundler-DzW16IlU.js";import{B as m,D as h,E as g,Ft as _,It as v,M as y,Mt as b,N as x,Ot as S,Pt as C,U as w,X as T,d as E,jt as D,k as O,kt as k,p as A,q as j,s as M,u as N,x as P,z as F}from"./Button-C0If5IAl.js";import{B as I,K as L,U as R,ct as z,lt as B,ot as V}from"./session-BM4dH_zM.js";import{E as H,m as U}from"./index-HMBSlYYy.js";var W=()=>(()=>{let e=F(`75be776d8875fa17`);return e[0]||=f(`svg`,{viewBox:`0 0 64 64`,class:`check-icon`},[f(`path`,{d:`M50.42,16.76L22.34,39.45l-8.1-11.46c-1.12-1.58-3.3-1.96-4.88-0.84c-1.58,1.12-1.95,3.3-0.84,4.88l10.26,14.51  c0.56,0.79,1.42,1.31,2.38,1.45c0.16,0.02,0.32,0.03,0.48,0.03c0.8,0,1.57-0.27,2.2-0.78l30.99-25.03c1.5-1.21,1.74-3.42,0.52-4.92  C54.13,15.78,51.93,15.55,50.42,16.76z`})],-1)})(),G=()=>(()=>{let e=F(`c6eed899356c8404`);return e[0]||=f(`svg`,{viewBox:`0 0 100 100`,class:`line-icon`},[f(`path`,{d:`M80.2,55.5H21.4c-2.8,0-5.1-2.5-5.1-5.5l0,0c0-3,2.3-5.5,5.1-5.5h58.7c2.8,0,5.1,2.5,5.1,5.5l0,0C85.2,53.1,82.9,55.5,80.2,55.5z`})],-1)})(),K=S([k(`checkbox`,`
 font-size: var(--n-font-size);
 outline: none;
 cursor: pointer;
 display: inline-flex;
 flex-wrap: nowrap;
 align-items: flex-start;
 word-break: break-word;
 line-height: var(--n-size);
 --n-merged-color-table: var(--n-color-table);
 `,[b(`show-label`,`line-height: var(--n-label-line-height);`),S(`&:hover`,[k(`checkbox-box`,[D(`border`,`border: var(--n-border-checked);`)])]),S(`&:focus:not(:active)`,[k(`checkbox-box`,[D(`border`,`
 border: var(--n-border-focus);
 box-shadow: var(--n-box-shadow-focus);
 `)])]),b(`inside-table`,[k(`checkbox-box`,`
 background-color: var(--n-merged-color-table);
 `)]),b(`checked`,[k(`checkbox-box`,`
 background-color: var(--n-color-checked);
 `,[k(`checkbox-icon`,[S(`.check-icon`,`
 opacity: 1;
 transform: scale(1);
 `)])])]),b(`indeterminate`,[k(`checkbox-box`,[k(`checkbox-icon`,[S(`.check-icon`,`
 opacity: 0;
 transform: scale(.5);
 `),S(`.line-icon`,`
 opacity: 1;
 transform: scale(1);
 `)])])]),b(`checked, indeterminate`,[S(`&:focus:not(:active)`,[k(`checkbox-box`,[D(`border`,`
 border: var(--n-border-checked);
 box-shadow: var(--n-box-shadow-focus);
 `)])]),k(`checkbox-box`,`
 background-color: var(--n-color-checked);
 border-left: 0;
 border-top: 0;
 `,[D(`border`,{border:`var(--n-border-checked)`})])]),b(`disabled`,{cursor:`not-allowed`},[b(`checked`,[k(`checkbox-box`,`
 background-color: var(--n-color-disabled-checked);
 `,[D(`border`,{border:`var(--n-border-disabled-checked)`}),k(`checkbox-icon`,[S(`.check-icon, .line-icon`,{fill:`var(--n-check-mark-color-disabled-checked)`})])])]),k(`checkbox-box`,`
 background-color: var(--n-color-disabled);
 `,[D(`border`,`
 border: var(--n-border-disabled);
 `),k(`checkbox-icon`,[S(`.check-icon, .line-icon`,`
 fill: var(--n-check-mark-color-disabled);
 `)])]),D(`label`,`
 color: var(--n-text-color-disabled);
 `)]),k(`checkbox-box-wrapper`,`
 position: relative;
 width: var(--n-size);
 flex-shrink: 0;
 flex-grow: 0;
 user-select: none;
 -webkit-user-select: none;
 `),k(`checkbox-box`,`
 position: absolute;
 left: 0;
 top: 50%;
 transform: translateY(-50%);
 height: var(--n-size);
 width: var(--n-size);
 display: inline-block;
 box-sizing: border-box;
 border-radius: var(--n-border-radius);
 background-color: var(--n-color);
 transition: background-color 0.3s var(--n-bezier);
 `,[D(`border`,`
 transition:
 border-color .3s var(--n-bezier),
 box-shadow .3s var(--n-bezier);
 border-radius: inherit;
 position: absolute;
 left: 0;
 right: 0;
 top: 0;
 bottom: 0;
 border: var(--n-border);
 `),k(`checkbox-icon`,`
 display: flex;
 align-items: center;
 justify-content: center;
 position: absolute;
 left: 1px;
 right: 1px;
 top: 1px;
 bottom: 1px;
 `,[S(`.check-icon, .line-icon`,`
 width: 100%;
 fill: var(--n-check-mark-color);
 opacity: 0;
 transform: scale(0.5);
 transform-origin: center;
 transition:
 fill 0.3s var(--n-bezier),
 transform 0.3s var(--n-bezier),
 opacity 0.3s var(--n-bezier),
 border-color 0.3s var(--n-bezier);
 `),N({left:`1px`,top:`1px`})])]),D(`label`,`
 color: var(--n-text-color);
 transition: color .3s var(--n-bezier);
 user-select: none;
 -webkit-user-select: none;
 padding: var(--n-label-padding);
 font-weight: var(--n-label-font-weight);
 `,[S(`&:empty`,{display:`none`})])]),_(k(`checkbox`,`
 --n-merged-color-table: var(--n-color-table-modal);
 `)),v(k(`checkbox`,`
 --n-merged-color-table: var(--n-color-table-popover);
 `))]),q=[`id`],J=[`tabindex`,`aria-checked`,`aria-labelledby`,`onKeyup`,`onKeydown`,`onClick`],Y={...y.props,size:String,checked:{type:[Boolean,String,Number],default:void 0},defaultChecked:{type:[Boolean,String,Number],default:!1},value:[String,Number],disabled:{type:Boolean,default:void 0},indeterminate:Boolean,label:String,focusable:{type:Boolean,default:!0},checkedValue:{type:[Boolean,String,Number],default:!0},uncheckedValue:{type:[Boolean,String,Number],default:!1},"onUpdate:checked":[Function,Array],onUpdateChecked:[Function,Array],privateInsideTable:Boolean,onChange:[Function,Array]},X=p({name:`Checkbox`,props:Y,setup(t){let n=e(Z,null),i=r(null),{mergedClsPrefixRef:a,inlineThemeDisabled:o,mergedRtlRef:s,mergedComponentPropsRef:l}=j(t),u=r(t.defaultChecked),f=d(t,`checked`),p=R(f,u),m=O(()=>{if(n){let e=n.valueSetRef.value;return e&&t.value!==void 0?e.has(t.value):!1}return p.value===t.checkedValue}),g=A(t,{mergedSize(e){let{size:r}=t;if(r!==void 0)return r;if(n){let{value:e}=n.mergedSizeRef;if(e!==void 0)return e}if(e){let{mergedSize:t}=e;if(t!==void 0)return t.value}return l?.value?.Checkbox?.size||`medium`},mergedDisabled(e){let{disabled:r}=t;if(r!==void 0)return r;if(n){if(n.disabledRef.value)return!0;let{maxRef:{value:e},checkedCountRef:t}=n;if(e!==void 0&&t.value>=e&&!m.value)return!0;let{minRef:{value:r}}=n;if(r!==void 0&&t.value<=r&&m.value)return!0}return e?e.disabled.value:!1}}),{mergedDisabledRef:_,mergedSizeRef:v}=g,b=y(`Checkbox`,`-checkbox`,K,H,t,a);function S(e){if(n&&t.value!==void 0)n.toggleCheckbox(!m.value,t.value);else{let{onChange:n,"onUpdate:checked":r,onUpdateChecked:i}=t,{nTriggerFormInput:a,nTriggerFormChange:o}=g,s=m.value?t.uncheckedValue:t.checkedValue;r&&h(r,s,e),i&&h(i,s,e),n&&h(n,s,e),a(),o(),u.value=s}}function w(e){_.value||S(e)}function T(e){if(!_.value)switch(e.key){case` `:case`Enter`:S(e)}}function E(e){e.key===` `&&e.preventDefault()}let D={focus:()=>{i.value?.focus()},blur:()=>{i.value?.blur()}},k=P(`Checkbox`,s,a),M=c(()=>{let{value:e}=v,{common:{cubicBezierEaseInOut:t},self:{borderRadius:n,color:r,colorChecked:i,colorDisabled:a,colorTableHeader:o,colorTableHeaderModal:s,colorTableHeaderPopover:c,checkMarkColor:l,checkMarkColorDisabled:u,border:d,borderFocus:f,borderDisabled:p,borderChecked:m,boxShadowFocus:h,textColor:g,textColorDisabled:_,checkMarkColorDisabledChecked:y,colorDisabledChecked:x,borderDisabledChecked:S,labelPadding:w,labelLineHeight:T,labelFontWeight:E,[C(`fontSize`,e)]:D,[C(`size`,e)]:O}}=b.value;return{"--n-label-line-height":T,"--n-label-font-weight":E,"--n-size":O,"--n-bezier":t,"--n-border-radius":n,"--n-border":d,"--n-border-checked":m,"--n-border-focus":f,"--n-border-disabled":p,"--n-border-disabled-checked":S,"--n-box-shadow-focus":h,"--n-color":r,"--n-color-checked":i,"--n-color-table":o,"--n-color-table-modal":s,"--n-color-table-popover":c,"--n-color-disabled":a,"--n-color-disabled-checked":x,"--n-text-color":g,"--n-text-color-disabled":_,"--n-check-mark-color":l,"--n-check-mark-color-disabled":u,"--n-check-mark-color-disabled-checked":y,"--n-font-size":D,"--n-label-padding":w}}),N=o?x(`checkbox`,c(()=>v.value[0]),M,t):void 0;return Object.assign(g,D,{rtlEnabled:k,selfRef:i,mergedClsPrefix:a,mergedDisabled:_,renderedChecked:m,mergedTheme:b,labelId:V(),handleClick:w,handleKeyUp:T,handleKeyDown:E,cssVars:o?void 0:M,themeClass:N?.themeClass,onRender:N?.onRender})},render(){let{$slots:e,renderedChecked:t,mergedDisabled:r,indeterminate:o,privateInsideTable:s,cssVars:c,labelId:u,label:d,mergedClsPrefix:p,focusable:h,handleKeyUp:_,handleKeyDown:v,handleClick:y}=this;this.onRender?.();let b=g(e.default,e=>d||e?(n(),l(`span`,{key:1,class:m(`${p}-checkbox__label`),id:u},[w(()=>d||e)],10,q)):null);return(()=>{let e=F(`70be6e74cd27cb50`);return n(),l(`div`,{ref:`selfRef`,class:m([`${p}-checkbox`,this.themeClass,this.rtlEnabled&&`${p}-checkbox--rtl`,t&&`${p}-checkbox--checked`,r&&`${p}-checkbox--disabled`,o&&`${p}-checkbox--indeterminate`,s&&`${p}-checkbox--inside-table`,b&&`${p}-checkbox--show-label`]),tabindex:r||!h?void 0:0,role:`checkbox`,"aria-checked":o?`mixed`:t,"aria-labelledby":u,style:a(c),onKeyup:_,onKeydown:v,onClick:y,onMousedown:e[0]||=()=>{L(`selectstart`,window,e=>{e.preventDefault()},{once:!0})}},[f(`div`,{class:m(`${p}-checkbox-box-wrapper`)},[e[1]||=w(`\xA0`,-1),f(`div`,{class:m(`${p}-checkbox-box`)},[i(E,null,{default:()=>this.indeterminate?(n(),l(`div`,{key:`indeterminate`,class:m(`${p}-checkbox-icon`)},[w(()=>G())],2)):(n(),l(`div`,{key:`check`,class:m(`${p}-checkbox-icon`)},[w(()=>W())],2))},1024),f(`div`,{class:m(`${p}-checkbox-box__border`)},null,2)],2)],2),w(()=>b)],46,J)})()}}),Z=T(`n-checkbox-group`),ee=p({name:`CheckboxGroup`,props:{min:Number,max:Number,size:String,options:Array,labelField:{type:String,default:`label`},valueField:{type:String,default:`value`},value:Array,defaultValue:{type:Array,default:null},disabled:{type:Boolean,default:void 0},"onUpdate:value":[Function,Array],onUpdateValue:[Function,Array],onChange:[Function,Array]},setup(e){let{mergedClsPrefixRef:n}=j(e),i=A(e),{mergedSizeRef:a,mergedDisabledRef:o}=i,s=r(e.defaultValue),l=c(()=>e.value),u=R(l,s),f=c(()=>u.value?.length||0),p=c(()=>Array.isArray(u.value)?new Set(u.value):new Set);function m(t,n){let{nTriggerFormInput:r,nTriggerFormChange:a}=i,{onChange:o,"onUpdate:value":c,onUpdateValue:l}=e;if(Array.isArray(u.value)){let e=Array.from(u.value),i=e.findIndex(e=>e===n);t?~i||(e.push(n),l&&h(l,e,{actionType:`check`,value:n}),c&&h(c,e,{actionType:`check`,value:n}),r(),a(),s.value=e,o&&h(o,e)):~i&&(e.splice(i,1),l&&h(l,e,{actionType:`uncheck`,value:n}),c&&h(c,e,{actionType:`uncheck`,value:n}),o&&h(o,e),s.value=e,r(),a())}else t?(l&&h(l,[n],{actionType:`check`,value:n}),c&&h(c,[n],{actionType:`check`,value:n}),o&&h(o,[n]),s.value=[n],r(),a()):(l&&h(l,[],{actionType:`uncheck`,value:n}),c&&h(c,[],{actionType:`uncheck`,value:n}),o&&h(o,[]),s.value=[],r(),a())}return t(Z,{checkedCountRef:f,maxRef:d(e,`max`),minRef:d(e,`min`),valueSetRef:p,disabledRef:o,mergedSizeRef:a,toggleCheckbox:m}),{mergedClsPrefix:n}},render(){let{options:e,labelField:t,valueField:r}=this.$props;return n(),l(`div`,{class:m(`${this.mergedClsPrefix}-checkbox-group`),role:`group`},[e?(n(),l(s,{key:0},[w(()=>e.map(e=>{let i=e[r];return n(),o(X,{key:i,value:i,disabled:e.disabled,label:e[t]},null,8,[`value`,`disabled`,`label`])}))],64)):(n(),l(s,{key:1},[w(()=>this.$slots.default?.())],64))],2)}});function Q(e,t=`default`,n=[]){let r=e.$slots[t];return r===void 0?n:r()}function te(){return U}var ne={name:`Space`,self:te},$;function re(){if(!M)return!0;if($===void 0){let e=document.createElement(`div`);e.style.display=`flex`,e.style.flexDirection=`column`,e.style.rowGap=`1px`,e.appendChild(document.createElement(`div`)),e.appendChild(document.createElement(`div`)),document.body.appendChild(e);let t=e.scrollHeight===1;return document.body.removeChild(e),$=t}return $}var ie={...y.props,align:String,justify:{type:String,default:`start`},inline:Boolean,vertical:Boolean,reverse:Boolean,size:[String,Number,Array],wrapItem:{type:Boolean,default:!0},itemClass:String,itemStyle:[String,Object],wrap:{type:Boolean,default:!0},internalUseGap:{type:Boolean,default:void 0}},ae=p({name:`Space`,props:ie,setup(e){let{mergedClsPrefixRef:t,mergedRtlRef:n,mergedComponentPropsRef:r}=j(e),i=c(()=>e.size??r?.value?.Space?.size??`medium`),a=y(`Space`,`-space`,void 0,ne,e,t),o=P(`Space`,n,t);return{useGap:re(),rtlEnabled:o,mergedClsPrefix:t,margin:c(()=>{let e=i.value;if(Array.isArray(e))return{horizontal:e[0],vertical:e[1]};if(typeof e==`number`)return{horizontal:e,vertical:e};let{self:{[C(`gap`,e)]:t}}=a.value,{row:n,col:r}=B(t);return{horizontal:z(r),vertical:z(n)}})}},render(){let{vertical:e,reverse:t,align:r,inline:i,justify:o,itemClass:c,itemStyle:d,margin:f,wrap:p,mergedClsPrefix:h,rtlEnabled:g,useGap:_,wrapItem:v,internalUseGap:y}=this,b=I(Q(this),!1);if(!b.length)return null;let x=`${f.horizontal}px`,S=`${f.horizontal/2}px`,C=`${f.vertical}px`,T=`${f.vertical/2}px`,E=b.length-1,D=o.startsWith(`space-`);return n(),l(`div`,{role:`none`,class:m([`${h}-space`,g&&`${h}-space--rtl`]),style:a({display:i?`inline-flex`:`flex`,flexDirection:e&&!t?`column`:e&&t?`column-reverse`:!e&&t?`row-reverse`:`row`,justifyContent:[`start`,`end`].includes(o)?`flex-${o}`:o,flexWrap:!p||e?`nowrap`:`wrap`,marginTop:_||e?``:`-${T}`,marginBottom:_||e?``:`-${T}`,alignItems:r,gap:_?`${f.vertical}px ${f.horizontal}px`:``})},[!v&&(_||y)?(n(),l(s,{key:0},[w(()=>b)],64)):(n(),l(s,{key:1},[w(()=>b.map((t,r)=>t.type===u?t:(n(),l(`div`,{key:1,role:`none`,class:m(c),style:a([d,{maxWidth:`100%`},_?``:e?{marginBottom:r===E?``:C}:g?{marginLeft:D?o===`space-between`&&r===E?``:S:r===E?``:x,marginRight:D?o===`space-between`&&r===0?``:S:``,paddingTop:T,paddingBottom:T}:{marginRight:D?o===`space-between`&&r===E?``:S:r===E?``:x,marginLeft:D?o===`space-between`&&r===0?``:S:``,paddingTop:T,paddingBottom:T}])},[w(()=>t)],6))))],64))],6)}});export{X as i,Q as n,ee as r,ae as t};