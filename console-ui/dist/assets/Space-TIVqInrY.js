import{C as e,F as t,P as n,Z as r,_ as i,_t as a,d as o,i as s,l as c,p as l,r as u,tt as d,u as f,y as p}from"./runtime-core.esm-bundler-DzW16IlU.js";import{At as m,Dt as h,E as g,Ft as _,H as v,K as y,M as b,Nt as x,O as S,Ot as C,Pt as w,R as T,T as E,Y as D,b as O,f as k,j as A,jt as j,l as M,o as N,u as P,z as F}from"./Button-BzKt0OIP.js";import{G as I,H as L,J as R,dt as z,mt as B,pt as V}from"./session-BmKuIacY.js";import{f as H,w as U}from"./index-CA0UUD1P.js";var W=()=>(()=>{let e=T(`75be776d8875fa17`);return e[0]||=f(`svg`,{viewBox:`0 0 64 64`,class:`check-icon`},[f(`path`,{d:`M50.42,16.76L22.34,39.45l-8.1-11.46c-1.12-1.58-3.3-1.96-4.88-0.84c-1.58,1.12-1.95,3.3-0.84,4.88l10.26,14.51  c0.56,0.79,1.42,1.31,2.38,1.45c0.16,0.02,0.32,0.03,0.48,0.03c0.8,0,1.57-0.27,2.2-0.78l30.99-25.03c1.5-1.21,1.74-3.42,0.52-4.92  C54.13,15.78,51.93,15.55,50.42,16.76z`})],-1)})(),G=()=>(()=>{let e=T(`c6eed899356c8404`);return e[0]||=f(`svg`,{viewBox:`0 0 100 100`,class:`line-icon`},[f(`path`,{d:`M80.2,55.5H21.4c-2.8,0-5.1-2.5-5.1-5.5l0,0c0-3,2.3-5.5,5.1-5.5h58.7c2.8,0,5.1,2.5,5.1,5.5l0,0C85.2,53.1,82.9,55.5,80.2,55.5z`})],-1)})(),K=h([C(`checkbox`,`
 font-size: var(--n-font-size);
 outline: none;
 cursor: pointer;
 display: inline-flex;
 flex-wrap: nowrap;
 align-items: flex-start;
 word-break: break-word;
 line-height: var(--n-size);
 --n-merged-color-table: var(--n-color-table);
 `,[j(`show-label`,`line-height: var(--n-label-line-height);`),h(`&:hover`,[C(`checkbox-box`,[m(`border`,`border: var(--n-border-checked);`)])]),h(`&:focus:not(:active)`,[C(`checkbox-box`,[m(`border`,`
 border: var(--n-border-focus);
 box-shadow: var(--n-box-shadow-focus);
 `)])]),j(`inside-table`,[C(`checkbox-box`,`
 background-color: var(--n-merged-color-table);
 `)]),j(`checked`,[C(`checkbox-box`,`
 background-color: var(--n-color-checked);
 `,[C(`checkbox-icon`,[h(`.check-icon`,`
 opacity: 1;
 transform: scale(1);
 `)])])]),j(`indeterminate`,[C(`checkbox-box`,[C(`checkbox-icon`,[h(`.check-icon`,`
 opacity: 0;
 transform: scale(.5);
 `),h(`.line-icon`,`
 opacity: 1;
 transform: scale(1);
 `)])])]),j(`checked, indeterminate`,[h(`&:focus:not(:active)`,[C(`checkbox-box`,[m(`border`,`
 border: var(--n-border-checked);
 box-shadow: var(--n-box-shadow-focus);
 `)])]),C(`checkbox-box`,`
 background-color: var(--n-color-checked);
 border-left: 0;
 border-top: 0;
 `,[m(`border`,{border:`var(--n-border-checked)`})])]),j(`disabled`,{cursor:`not-allowed`},[j(`checked`,[C(`checkbox-box`,`
 background-color: var(--n-color-disabled-checked);
 `,[m(`border`,{border:`var(--n-border-disabled-checked)`}),C(`checkbox-icon`,[h(`.check-icon, .line-icon`,{fill:`var(--n-check-mark-color-disabled-checked)`})])])]),C(`checkbox-box`,`
 background-color: var(--n-color-disabled);
 `,[m(`border`,`
 border: var(--n-border-disabled);
 `),C(`checkbox-icon`,[h(`.check-icon, .line-icon`,`
 fill: var(--n-check-mark-color-disabled);
 `)])]),m(`label`,`
 color: var(--n-text-color-disabled);
 `)]),C(`checkbox-box-wrapper`,`
 position: relative;
 width: var(--n-size);
 flex-shrink: 0;
 flex-grow: 0;
 user-select: none;
 -webkit-user-select: none;
 `),C(`checkbox-box`,`
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
 `,[m(`border`,`
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
 `),C(`checkbox-icon`,`
 display: flex;
 align-items: center;
 justify-content: center;
 position: absolute;
 left: 1px;
 right: 1px;
 top: 1px;
 bottom: 1px;
 `,[h(`.check-icon, .line-icon`,`
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
 `),M({left:`1px`,top:`1px`})])]),m(`label`,`
 color: var(--n-text-color);
 transition: color .3s var(--n-bezier);
 user-select: none;
 -webkit-user-select: none;
 padding: var(--n-label-padding);
 font-weight: var(--n-label-font-weight);
 `,[h(`&:empty`,{display:`none`})])]),w(C(`checkbox`,`
 --n-merged-color-table: var(--n-color-table-modal);
 `)),_(C(`checkbox`,`
 --n-merged-color-table: var(--n-color-table-popover);
 `))]),q=[`id`],J=[`tabindex`,`aria-checked`,`aria-labelledby`,`onKeyup`,`onKeydown`,`onClick`],Y={...A.props,size:String,checked:{type:[Boolean,String,Number],default:void 0},defaultChecked:{type:[Boolean,String,Number],default:!1},value:[String,Number],disabled:{type:Boolean,default:void 0},indeterminate:Boolean,label:String,focusable:{type:Boolean,default:!0},checkedValue:{type:[Boolean,String,Number],default:!0},uncheckedValue:{type:[Boolean,String,Number],default:!1},"onUpdate:checked":[Function,Array],onUpdateChecked:[Function,Array],privateInsideTable:Boolean,onChange:[Function,Array]},X=p({name:`Checkbox`,props:Y,setup(t){let n=e(Z,null),i=r(null),{mergedClsPrefixRef:a,inlineThemeDisabled:o,mergedRtlRef:s,mergedComponentPropsRef:l}=y(t),u=r(t.defaultChecked),f=d(t,`checked`),p=I(f,u),m=S(()=>{if(n){let e=n.valueSetRef.value;return e&&t.value!==void 0?e.has(t.value):!1}return p.value===t.checkedValue}),h=k(t,{mergedSize(e){let{size:r}=t;if(r!==void 0)return r;if(n){let{value:e}=n.mergedSizeRef;if(e!==void 0)return e}if(e){let{mergedSize:t}=e;if(t!==void 0)return t.value}return l?.value?.Checkbox?.size||`medium`},mergedDisabled(e){let{disabled:r}=t;if(r!==void 0)return r;if(n){if(n.disabledRef.value)return!0;let{maxRef:{value:e},checkedCountRef:t}=n;if(e!==void 0&&t.value>=e&&!m.value)return!0;let{minRef:{value:r}}=n;if(r!==void 0&&t.value<=r&&m.value)return!0}return e?e.disabled.value:!1}}),{mergedDisabledRef:_,mergedSizeRef:v}=h,C=A(`Checkbox`,`-checkbox`,K,U,t,a);function w(e){if(n&&t.value!==void 0)n.toggleCheckbox(!m.value,t.value);else{let{onChange:n,"onUpdate:checked":r,onUpdateChecked:i}=t,{nTriggerFormInput:a,nTriggerFormChange:o}=h,s=m.value?t.uncheckedValue:t.checkedValue;r&&g(r,s,e),i&&g(i,s,e),n&&g(n,s,e),a(),o(),u.value=s}}function T(e){_.value||w(e)}function E(e){if(!_.value)switch(e.key){case` `:case`Enter`:w(e)}}function D(e){e.key===` `&&e.preventDefault()}let j={focus:()=>{i.value?.focus()},blur:()=>{i.value?.blur()}},M=O(`Checkbox`,s,a),N=c(()=>{let{value:e}=v,{common:{cubicBezierEaseInOut:t},self:{borderRadius:n,color:r,colorChecked:i,colorDisabled:a,colorTableHeader:o,colorTableHeaderModal:s,colorTableHeaderPopover:c,checkMarkColor:l,checkMarkColorDisabled:u,border:d,borderFocus:f,borderDisabled:p,borderChecked:m,boxShadowFocus:h,textColor:g,textColorDisabled:_,checkMarkColorDisabledChecked:y,colorDisabledChecked:b,borderDisabledChecked:S,labelPadding:w,labelLineHeight:T,labelFontWeight:E,[x(`fontSize`,e)]:D,[x(`size`,e)]:O}}=C.value;return{"--n-label-line-height":T,"--n-label-font-weight":E,"--n-size":O,"--n-bezier":t,"--n-border-radius":n,"--n-border":d,"--n-border-checked":m,"--n-border-focus":f,"--n-border-disabled":p,"--n-border-disabled-checked":S,"--n-box-shadow-focus":h,"--n-color":r,"--n-color-checked":i,"--n-color-table":o,"--n-color-table-modal":s,"--n-color-table-popover":c,"--n-color-disabled":a,"--n-color-disabled-checked":b,"--n-text-color":g,"--n-text-color-disabled":_,"--n-check-mark-color":l,"--n-check-mark-color-disabled":u,"--n-check-mark-color-disabled-checked":y,"--n-font-size":D,"--n-label-padding":w}}),P=o?b(`checkbox`,c(()=>v.value[0]),N,t):void 0;return Object.assign(h,j,{rtlEnabled:M,selfRef:i,mergedClsPrefix:a,mergedDisabled:_,renderedChecked:m,mergedTheme:C,labelId:z(),handleClick:T,handleKeyUp:E,handleKeyDown:D,cssVars:o?void 0:N,themeClass:P?.themeClass,onRender:P?.onRender})},render(){let{$slots:e,renderedChecked:t,mergedDisabled:r,indeterminate:o,privateInsideTable:s,cssVars:c,labelId:u,label:d,mergedClsPrefix:p,focusable:m,handleKeyUp:h,handleKeyDown:g,handleClick:_}=this;this.onRender?.();let y=E(e.default,e=>d||e?(n(),l(`span`,{key:1,class:F(`${p}-checkbox__label`),id:u},[v(()=>d||e)],10,q)):null);return(()=>{let e=T(`70be6e74cd27cb50`);return n(),l(`div`,{ref:`selfRef`,class:F([`${p}-checkbox`,this.themeClass,this.rtlEnabled&&`${p}-checkbox--rtl`,t&&`${p}-checkbox--checked`,r&&`${p}-checkbox--disabled`,o&&`${p}-checkbox--indeterminate`,s&&`${p}-checkbox--inside-table`,y&&`${p}-checkbox--show-label`]),tabindex:r||!m?void 0:0,role:`checkbox`,"aria-checked":o?`mixed`:t,"aria-labelledby":u,style:a(c),onKeyup:h,onKeydown:g,onClick:_,onMousedown:e[0]||=()=>{R(`selectstart`,window,e=>{e.preventDefault()},{once:!0})}},[f(`div`,{class:F(`${p}-checkbox-box-wrapper`)},[e[1]||=v(`\xA0`,-1),f(`div`,{class:F(`${p}-checkbox-box`)},[i(P,null,{default:()=>this.indeterminate?(n(),l(`div`,{key:`indeterminate`,class:F(`${p}-checkbox-icon`)},[v(()=>G())],2)):(n(),l(`div`,{key:`check`,class:F(`${p}-checkbox-icon`)},[v(()=>W())],2))},1024),f(`div`,{class:F(`${p}-checkbox-box__border`)},null,2)],2)],2),v(()=>y)],46,J)})()}}),Z=D(`n-checkbox-group`),ee=p({name:`CheckboxGroup`,props:{min:Number,max:Number,size:String,options:Array,labelField:{type:String,default:`label`},valueField:{type:String,default:`value`},value:Array,defaultValue:{type:Array,default:null},disabled:{type:Boolean,default:void 0},"onUpdate:value":[Function,Array],onUpdateValue:[Function,Array],onChange:[Function,Array]},setup(e){let{mergedClsPrefixRef:n}=y(e),i=k(e),{mergedSizeRef:a,mergedDisabledRef:o}=i,s=r(e.defaultValue),l=c(()=>e.value),u=I(l,s),f=c(()=>u.value?.length||0),p=c(()=>Array.isArray(u.value)?new Set(u.value):new Set);function m(t,n){let{nTriggerFormInput:r,nTriggerFormChange:a}=i,{onChange:o,"onUpdate:value":c,onUpdateValue:l}=e;if(Array.isArray(u.value)){let e=Array.from(u.value),i=e.findIndex(e=>e===n);t?~i||(e.push(n),l&&g(l,e,{actionType:`check`,value:n}),c&&g(c,e,{actionType:`check`,value:n}),r(),a(),s.value=e,o&&g(o,e)):~i&&(e.splice(i,1),l&&g(l,e,{actionType:`uncheck`,value:n}),c&&g(c,e,{actionType:`uncheck`,value:n}),o&&g(o,e),s.value=e,r(),a())}else t?(l&&g(l,[n],{actionType:`check`,value:n}),c&&g(c,[n],{actionType:`check`,value:n}),o&&g(o,[n]),s.value=[n],r(),a()):(l&&g(l,[],{actionType:`uncheck`,value:n}),c&&g(c,[],{actionType:`uncheck`,value:n}),o&&g(o,[]),s.value=[],r(),a())}return t(Z,{checkedCountRef:f,maxRef:d(e,`max`),minRef:d(e,`min`),valueSetRef:p,disabledRef:o,mergedSizeRef:a,toggleCheckbox:m}),{mergedClsPrefix:n}},render(){let{options:e,labelField:t,valueField:r}=this.$props;return n(),l(`div`,{class:F(`${this.mergedClsPrefix}-checkbox-group`),role:`group`},[e?(n(),l(s,{key:0},[v(()=>e.map(e=>{let i=e[r];return n(),o(X,{key:i,value:i,disabled:e.disabled,label:e[t]},null,8,[`value`,`disabled`,`label`])}))],64)):(n(),l(s,{key:1},[v(()=>this.$slots.default?.())],64))],2)}});function Q(e,t=`default`,n=[]){let r=e.$slots[t];return r===void 0?n:r()}function te(){return H}var ne={name:`Space`,self:te},$;function re(){if(!N)return!0;if($===void 0){let e=document.createElement(`div`);e.style.display=`flex`,e.style.flexDirection=`column`,e.style.rowGap=`1px`,e.appendChild(document.createElement(`div`)),e.appendChild(document.createElement(`div`)),document.body.appendChild(e);let t=e.scrollHeight===1;return document.body.removeChild(e),$=t}return $}var ie={...A.props,align:String,justify:{type:String,default:`start`},inline:Boolean,vertical:Boolean,reverse:Boolean,size:[String,Number,Array],wrapItem:{type:Boolean,default:!0},itemClass:String,itemStyle:[String,Object],wrap:{type:Boolean,default:!0},internalUseGap:{type:Boolean,default:void 0}},ae=p({name:`Space`,props:ie,setup(e){let{mergedClsPrefixRef:t,mergedRtlRef:n,mergedComponentPropsRef:r}=y(e),i=c(()=>e.size??r?.value?.Space?.size??`medium`),a=A(`Space`,`-space`,void 0,ne,e,t),o=O(`Space`,n,t);return{useGap:re(),rtlEnabled:o,mergedClsPrefix:t,margin:c(()=>{let e=i.value;if(Array.isArray(e))return{horizontal:e[0],vertical:e[1]};if(typeof e==`number`)return{horizontal:e,vertical:e};let{self:{[x(`gap`,e)]:t}}=a.value,{row:n,col:r}=B(t);return{horizontal:V(r),vertical:V(n)}})}},render(){let{vertical:e,reverse:t,align:r,inline:i,justify:o,itemClass:c,itemStyle:d,margin:f,wrap:p,mergedClsPrefix:m,rtlEnabled:h,useGap:g,wrapItem:_,internalUseGap:y}=this,b=L(Q(this),!1);if(!b.length)return null;let x=`${f.horizontal}px`,S=`${f.horizontal/2}px`,C=`${f.vertical}px`,w=`${f.vertical/2}px`,T=b.length-1,E=o.startsWith(`space-`);return n(),l(`div`,{role:`none`,class:F([`${m}-space`,h&&`${m}-space--rtl`]),style:a({display:i?`inline-flex`:`flex`,flexDirection:e&&!t?`column`:e&&t?`column-reverse`:!e&&t?`row-reverse`:`row`,justifyContent:[`start`,`end`].includes(o)?`flex-${o}`:o,flexWrap:!p||e?`nowrap`:`wrap`,marginTop:g||e?``:`-${w}`,marginBottom:g||e?``:`-${w}`,alignItems:r,gap:g?`${f.vertical}px ${f.horizontal}px`:``})},[!_&&(g||y)?(n(),l(s,{key:0},[v(()=>b)],64)):(n(),l(s,{key:1},[v(()=>b.map((t,r)=>t.type===u?t:(n(),l(`div`,{key:1,role:`none`,class:F(c),style:a([d,{maxWidth:`100%`},g?``:e?{marginBottom:r===T?``:C}:h?{marginLeft:E?o===`space-between`&&r===T?``:S:r===T?``:x,marginRight:E?o===`space-between`&&r===0?``:S:``,paddingTop:w,paddingBottom:w}:{marginRight:E?o===`space-between`&&r===T?``:S:r===T?``:x,marginLeft:E?o===`space-between`&&r===0?``:S:``,paddingTop:w,paddingBottom:w}])},[v(()=>t)],6))))],64))],6)}});export{X as i,Q as n,ee as r,ae as t};