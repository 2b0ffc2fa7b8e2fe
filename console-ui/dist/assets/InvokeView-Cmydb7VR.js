const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/CodeEditor-pKIlPYLV.js","assets/runtime-core.esm-bundler-DzW16IlU.js","assets/index-HMBSlYYy.js","assets/Button-C0If5IAl.js","assets/session-BM4dH_zM.js","assets/utils-Dw9o_Ihw.js","assets/index-WwnZTfiD.css","assets/CodeEditor-DJJsvF2U.css"])))=>i.map(i=>d[i]);
import{C as e,E as t,F as n,G as r,I as i,K as a,P as o,S as s,T as c,U as l,W as u,Z as d,_ as f,_t as p,c as m,d as h,et as g,f as _,g as v,i as y,j as b,l as x,nt as S,p as C,q as w,tt as T,u as E,v as D,vt as O,y as k}from"./runtime-core.esm-bundler-DzW16IlU.js";import{F as A,M as j,N as M,O as N,P,R as ee,T as te,a as F,h as ne,l as re,n as I,o as L,t as ie,w as R,x as ae}from"./index-HMBSlYYy.js";import{B as z,H as oe,O as se,U as ce,W as le,_ as ue,f as de,i as B,k as fe,m as pe,n as me,ot as he,rt as ge,u as V,ut as _e,w as H}from"./session-BM4dH_zM.js";import{A as U,B as W,Bt as ve,D as G,E as ye,Et as be,G as K,H as xe,Ht as Se,M as Ce,Mt as q,N as we,Nt as Te,Ot as J,P as Ee,Pt as Y,St as De,T as Oe,U as X,X as ke,Z as Ae,f as je,i as Me,j as Ne,jt as Z,kt as Q,q as Pe,t as $,w as Fe,x as Ie,yt as Le,z as Re}from"./Button-C0If5IAl.js";import{n as ze,t as Be}from"./Remove-Bib5xqt2.js";import{t as Ve}from"./ButtonGroup-D3lG6EDB.js";import{t as He}from"./Spin-IZu_LUeI.js";import{t as Ue}from"./SnowOutline-DKnFKkCX.js";import{a as We,n as Ge,s as Ke,t as qe}from"./format-xXsBREuA.js";var Je=/\s/;function Ye(e){for(var t=e.length;t--&&Je.test(e.charAt(t)););return t}var Xe=/^\s+/;function Ze(e){return e&&e.slice(0,Ye(e)+1).replace(Xe,``)}var Qe=NaN,$e=/^[-+]0x[0-9a-f]+$/i,et=/^0b[01]+$/i,tt=/^0o[0-7]+$/i,nt=parseInt;function rt(e){if(typeof e==`number`)return e;if(De(e))return Qe;if(Le(e)){var t=typeof e.valueOf==`function`?e.valueOf():e;e=Le(t)?t+``:t}if(typeof e!=`string`)return e===0?e:+e;e=Ze(e);var n=et.test(e);return n||tt.test(e)?nt(e.slice(2),n?2:8):$e.test(e)?Qe:+e}var it=function(){return be.Date.now()},at=`Expected a function`,ot=Math.max,st=Math.min;function ct(e,t,n){var r,i,a,o,s,c,l=0,u=!1,d=!1,f=!0;if(typeof e!=`function`)throw TypeError(at);t=rt(t)||0,Le(n)&&(u=!!n.leading,d=`maxWait`in n,a=d?ot(rt(n.maxWait)||0,t):a,f=`trailing`in n?!!n.trailing:f);function p(t){var n=r,a=i;return r=i=void 0,l=t,o=e.apply(a,n),o}function m(e){return l=e,s=setTimeout(_,t),u?p(e):o}function h(e){var n=e-c,r=e-l,i=t-n;return d?st(i,a-r):i}function g(e){var n=e-c,r=e-l;return c===void 0||n>=t||n<0||d&&r>=a}function _(){var e=it();if(g(e))return v(e);s=setTimeout(_,h(e))}function v(e){return s=void 0,f&&r?p(e):(r=i=void 0,o)}function y(){s!==void 0&&clearTimeout(s),l=0,r=c=i=s=void 0}function b(){return s===void 0?o:v(it())}function x(){var e=it(),n=g(e);if(r=arguments,i=this,c=e,n){if(s===void 0)return m(c);if(d)return clearTimeout(s),s=setTimeout(_,t),p(c)}return s===void 0&&(s=setTimeout(_,t)),o}return x.cancel=y,x.flush=b,x}var lt=`Expected a function`;function ut(e,t,n){var r=!0,i=!0;if(typeof e!=`function`)throw TypeError(lt);return Le(n)&&(r=`leading`in n?!!n.leading:r,i=`trailing`in n?!!n.trailing:i),ct(e,t,{leading:r,maxWait:t,trailing:i})}var dt=se(`.v-x-scroll`,{overflow:`auto`,scrollbarWidth:`none`},[se(`&::-webkit-scrollbar`,{width:0,height:0})]),ft=k({name:`XScroll`,props:{disabled:Boolean,onScroll:Function},setup(){let e=d(null);function t(e){e.currentTarget.offsetWidth<e.currentTarget.scrollWidth&&e.deltaY!==0&&(e.currentTarget.scrollLeft+=e.deltaY+e.deltaX,e.preventDefault())}let n=K();return dt.mount({id:`vueuc/x-scroll`,head:!0,anchorMetaName:fe,ssr:n}),Object.assign({selfRef:e,handleWheel:t},{scrollTo(...t){var n;(n=e.value)==null||n.scrollTo(...t)}})},render(){return s(`div`,{ref:`selfRef`,onScroll:this.onScroll,onWheel:this.disabled?void 0:this.handleWheel,class:`v-x-scroll`},this.$slots)}}),pt=k({name:`ChevronLeft`,render(){return(()=>{let e=Re(`dfe229c2639b2082`);return e[0]||=E(`svg`,{viewBox:`0 0 16 16`,fill:`none`,xmlns:`http://www.w3.org/2000/svg`},[E(`path`,{d:`M10.3536 3.14645C10.5488 3.34171 10.5488 3.65829 10.3536 3.85355L6.20711 8L10.3536 12.1464C10.5488 12.3417 10.5488 12.6583 10.3536 12.8536C10.1583 13.0488 9.84171 13.0488 9.64645 12.8536L5.14645 8.35355C4.95118 8.15829 4.95118 7.84171 5.14645 7.64645L9.64645 3.14645C9.84171 2.95118 10.1583 2.95118 10.3536 3.14645Z`,fill:`currentColor`})],-1)})()}}),mt=k({name:`ArrowDown`,render(){return(()=>{let e=Re(`bd1a1948a64f963c`);return e[0]||=E(`svg`,{viewBox:`0 0 28 28`,version:`1.1`,xmlns:`http://www.w3.org/2000/svg`},[E(`g`,{stroke:`none`,"stroke-width":`1`,"fill-rule":`evenodd`},[E(`g`,{"fill-rule":`nonzero`},[E(`path`,{d:`M23.7916,15.2664 C24.0788,14.9679 24.0696,14.4931 23.7711,14.206 C23.4726,13.9188 22.9978,13.928 22.7106,14.2265 L14.7511,22.5007 L14.7511,3.74792 C14.7511,3.33371 14.4153,2.99792 14.0011,2.99792 C13.5869,2.99792 13.2511,3.33371 13.2511,3.74793 L13.2511,22.4998 L5.29259,14.2265 C5.00543,13.928 4.53064,13.9188 4.23213,14.206 C3.93361,14.4931 3.9244,14.9679 4.21157,15.2664 L13.2809,24.6944 C13.6743,25.1034 14.3289,25.1034 14.7223,24.6944 L23.7916,15.2664 Z`})])])],-1)})()}}),ht=k({name:`ArrowUp`,render(){return(()=>{let e=Re(`eaa4b54c8a7c2c8`);return e[0]||=E(`svg`,{xmlns:`http://www.w3.org/2000/svg`,viewBox:`0 0 20 20`},[E(`g`,{fill:`none`},[E(`path`,{d:`M3.13 9.163a.5.5 0 1 0 .74.674L9.5 3.67V17.5a.5.5 0 0 0 1 0V3.672l5.63 6.165a.5.5 0 0 0 .738-.674l-6.315-6.916a.746.746 0 0 0-.632-.24a.746.746 0 0 0-.476.24L3.131 9.163z`,fill:`currentColor`})])],-1)})()}});function gt(){return ne}var _t=Ne({name:`DynamicInput`,common:Ee,peers:{Input:P,Button:Me},self:gt}),vt=ke(`n-dynamic-input`),yt=k({name:`DynamicInputInputPreset`,props:{clsPrefix:{type:String,required:!0},value:{type:String,default:``},disabled:Boolean,parentPath:String,path:String,onUpdateValue:{type:Function,required:!0}},setup(){let{mergedThemeRef:t,placeholderRef:n}=e(vt);return{mergedTheme:t,placeholder:n}},render(){let{mergedTheme:e,placeholder:t,value:n,clsPrefix:r,onUpdateValue:i,disabled:a}=this;return o(),C(`div`,{class:W(`${r}-dynamic-input-preset-input`)},[(o(),h(M,{theme:e.peers.Input,"theme-overrides":e.peerOverrides.Input,value:n,placeholder:t,onUpdateValue:i,disabled:a},null,8,[`theme`,`theme-overrides`,`value`,`placeholder`,`onUpdateValue`,`disabled`]))],2)}}),bt=k({name:`DynamicInputPairPreset`,props:{clsPrefix:{type:String,required:!0},value:{type:Object,default:()=>({key:``,value:``})},disabled:Boolean,parentPath:String,path:String,onUpdateValue:{type:Function,required:!0}},setup(t){let{mergedThemeRef:n,keyPlaceholderRef:r,valuePlaceholderRef:i}=e(vt);return{mergedTheme:n,keyPlaceholder:r,valuePlaceholder:i,handleKeyInput(e){t.onUpdateValue({key:e,value:t.value.value})},handleValueInput(e){t.onUpdateValue({key:t.value.key,value:e})}}},render(){let{mergedTheme:e,keyPlaceholder:t,valuePlaceholder:n,value:r,clsPrefix:i,disabled:a}=this;return o(),C(`div`,{class:W(`${i}-dynamic-input-preset-pair`)},[(o(),h(M,{theme:e.peers.Input,"theme-overrides":e.peerOverrides.Input,value:r.key,class:W(`${i}-dynamic-input-pair-input`),placeholder:t,onUpdateValue:this.handleKeyInput,disabled:a},null,8,[`theme`,`theme-overrides`,`value`,`class`,`placeholder`,`onUpdateValue`,`disabled`])),(o(),h(M,{theme:e.peers.Input,"theme-overrides":e.peerOverrides.Input,value:r.value,class:W(`${i}-dynamic-input-pair-input`),placeholder:n,onUpdateValue:this.handleValueInput,disabled:a},null,8,[`theme`,`theme-overrides`,`value`,`class`,`placeholder`,`onUpdateValue`,`disabled`]))],2)}}),xt=Q(`dynamic-input`,{width:`100%`},[Q(`dynamic-input-item`,`
 margin-bottom: 10px;
 display: flex;
 flex-wrap: nowrap;
 `,[Q(`dynamic-input-preset-input`,{flex:1,alignItems:`center`}),Q(`dynamic-input-preset-pair`,`
 flex: 1;
 display: flex;
 align-items: center;
 `,[Q(`dynamic-input-pair-input`,[J(`&:first-child`,{"margin-right":`12px`})])]),Z(`action`,`
 align-self: flex-start;
 display: flex;
 justify-content: flex-end;
 flex-shrink: 0;
 flex-grow: 0;
 margin: var(--action-margin);
 `,[q(`icon`,{cursor:`pointer`})]),J(`&:last-child`,{marginBottom:0})]),Q(`form-item`,`
 padding-top: 0 !important;
 margin-right: 0 !important;
 `,[Q(`form-item-blank`,{paddingTop:`0 !important`})])]),St=[`data-key`],Ct=new WeakMap,wt={...Ce.props,max:Number,min:{type:Number,default:0},value:Array,defaultValue:{type:Array,default:()=>[]},preset:{type:String,default:`input`},keyField:String,itemClass:String,itemStyle:[String,Object],keyPlaceholder:{type:String,default:``},valuePlaceholder:{type:String,default:``},placeholder:{type:String,default:``},disabled:Boolean,showSortButton:Boolean,createButtonProps:Object,onCreate:Function,onRemove:Function,"onUpdate:value":[Function,Array],onUpdateValue:[Function,Array],onClear:Function,onInput:[Function,Array]},Tt=k({name:`DynamicInput`,props:wt,setup(t,{slots:r}){let{mergedComponentPropsRef:i,mergedClsPrefixRef:a,mergedRtlRef:o,inlineThemeDisabled:s}=Pe(),c=e(je,null),l=d(t.defaultValue),u=T(t,`value`),f=ce(u,l),p=Ce(`DynamicInput`,`-dynamic-input`,xt,_t,t,a),m=x(()=>{let{value:e}=f;if(Array.isArray(e)){let{max:n}=t;return n!==void 0&&e.length>=n}return!1}),h=x(()=>{let{value:e}=f;return!Array.isArray(e)||e.length<=t.min}),_=x(()=>i?.value?.DynamicInput?.buttonSize);function v(e){let{onInput:n,"onUpdate:value":r,onUpdateValue:i}=t;n&&G(n,e),r&&G(r,e),i&&G(i,e),l.value=e}function y(e,t){if(typeof e!=`object`||!e)return t;let n=w(e)?g(e):e,r=Ct.get(n);return r===void 0&&Ct.set(n,r=he()),r}function b(e,t){let{value:n}=f,r=Array.from(n??[]),i=r[e];if(r[e]=t,i&&t&&typeof i==`object`&&typeof t==`object`){let e=w(i)?g(i):i,n=w(t)?g(t):t,r=Ct.get(e);r!==void 0&&Ct.set(n,r)}v(r)}function S(){C(-1)}function C(e){let{value:n}=f,{onCreate:i}=t,a=Array.from(n??[]);if(i)a.splice(e+1,0,i(e+1)),v(a);else if(r.default)a.splice(e+1,0,null),v(a);else switch(t.preset){case`input`:a.splice(e+1,0,``),v(a);break;case`pair`:a.splice(e+1,0,{key:``,value:``}),v(a)}}function E(e){let{value:n}=f;if(!Array.isArray(n))return;let{min:r}=t;if(n.length<=r)return;let{onRemove:i}=t;i&&i(e);let a=Array.from(n);a.splice(e,1),v(a)}function D(e,t,n){if(t<0||n<0||t>=e.length||n>=e.length||t===n)return;let r=e[t];e[t]=e[n],e[n]=r}function O(e,t){let{value:n}=f;if(!Array.isArray(n))return;let r=Array.from(n);e===`up`&&D(r,t,t-1),e===`down`&&D(r,t,t+1),v(r)}n(vt,{mergedThemeRef:p,keyPlaceholderRef:T(t,`keyPlaceholder`),valuePlaceholderRef:T(t,`valuePlaceholder`),placeholderRef:T(t,`placeholder`)});let k=Ie(`DynamicInput`,o,a),A=x(()=>{let{self:{actionMargin:e,actionMarginRtl:t}}=p.value;return{"--action-margin":e,"--action-margin-rtl":t}}),j=s?we(`dynamic-input`,void 0,A,t):void 0;return{locale:ge(`DynamicInput`).localeRef,rtlEnabled:k,buttonSize:_,mergedClsPrefix:a,NFormItem:c,uncontrolledValue:l,mergedValue:f,insertionDisabled:m,removeDisabled:h,handleCreateClick:S,ensureKey:y,handleValueChange:b,remove:E,move:O,createItem:C,mergedTheme:p,cssVars:s?void 0:A,themeClass:j?.themeClass,onRender:j?.onRender}},render(){let{$slots:e,itemClass:t,buttonSize:n,mergedClsPrefix:r,mergedValue:i,locale:a,mergedTheme:s,keyField:l,itemStyle:u,preset:d,showSortButton:f,NFormItem:m,ensureKey:g,handleValueChange:_,remove:v,createItem:b,move:x,onRender:S,disabled:w}=this;return S?.(),o(),C(`div`,{class:W([`${r}-dynamic-input`,this.rtlEnabled&&`${r}-dynamic-input--rtl`,this.themeClass]),style:p(this.cssVars)},[!Array.isArray(i)||i.length===0?(o(),h($,c({key:0,block:!0,ghost:!0,dashed:!0,size:n},this.createButtonProps,{disabled:this.insertionDisabled||w,theme:s.peers.Button,themeOverrides:s.peerOverrides.Button,onClick:this.handleCreateClick}),{default:()=>Fe(e[`create-button-default`],()=>[a.create]),icon:()=>Fe(e[`create-button-icon`],()=>[(o(),h(U,{clsPrefix:r},{default:()=>(o(),h(ze))},1032,[`clsPrefix`]))])},1040,[`size`,`disabled`,`theme`,`themeOverrides`,`onClick`])):(o(),C(y,{key:1},[X(()=>i.map((a,c)=>(o(),C(`div`,{key:l?a[l]:g(a,c),"data-key":l?a[l]:g(a,c),class:W([`${r}-dynamic-input-item`,t]),style:p(u)},[X(()=>Oe(e.default,{value:i[c],index:c},()=>[d===`input`?(o(),h(yt,{key:1,disabled:w,clsPrefix:r,value:i[c],parentPath:m?m.path.value:void 0,path:m?.path.value?`${m.path.value}[${c}]`:void 0,onUpdateValue:e=>{_(c,e)}},null,8,[`disabled`,`clsPrefix`,`value`,`parentPath`,`path`,`onUpdateValue`])):d===`pair`?(o(),h(bt,{key:2,disabled:w,clsPrefix:r,value:i[c],parentPath:m?m.path.value:void 0,path:m?.path.value?`${m.path.value}[${c}]`:void 0,onUpdateValue:e=>{_(c,e)}},null,8,[`disabled`,`clsPrefix`,`value`,`parentPath`,`path`,`onUpdateValue`])):null])),X(()=>Oe(e.action,{value:i[c],index:c,create:b,remove:v,move:x},()=>[(o(),C(`div`,{class:W(`${r}-dynamic-input-item__action`)},[(o(),h(Ve,{size:n},{default:()=>[(o(),h($,{disabled:this.removeDisabled||w,theme:s.peers.Button,themeOverrides:s.peerOverrides.Button,circle:!0,onClick:()=>{v(c)}},{icon:()=>(o(),h(U,{clsPrefix:r},{default:()=>(o(),h(Be))},1032,[`clsPrefix`]))},1032,[`disabled`,`theme`,`themeOverrides`,`onClick`])),(o(),h($,{disabled:this.insertionDisabled||w,circle:!0,theme:s.peers.Button,themeOverrides:s.peerOverrides.Button,onClick:()=>{b(c)}},{icon:()=>(o(),h(U,{clsPrefix:r},{default:()=>(o(),h(ze))},1032,[`clsPrefix`]))},1032,[`disabled`,`theme`,`themeOverrides`,`onClick`])),f?(o(),h($,{key:3,disabled:c===0||w,circle:!0,theme:s.peers.Button,themeOverrides:s.peerOverrides.Button,onClick:()=>{x(`up`,c)}},{icon:()=>(o(),h(U,{clsPrefix:r},{default:()=>(o(),h(ht))},1032,[`clsPrefix`]))},1032,[`disabled`,`theme`,`themeOverrides`,`onClick`])):null,f?(o(),h($,{key:4,disabled:c===i.length-1||w,circle:!0,theme:s.peers.Button,themeOverrides:s.peerOverrides.Button,onClick:()=>{x(`down`,c)}},{icon:()=>(o(),h(U,{clsPrefix:r},{default:()=>(o(),h(mt))},1032,[`clsPrefix`]))},1032,[`disabled`,`theme`,`themeOverrides`,`onClick`])):null]},1032,[`size`]))],2))]))],14,St))))],64))],6)}}),Et=ke(`n-tabs`),Dt={tab:[String,Number,Object,Function],name:{type:[String,Number],required:!0},disabled:Boolean,displayDirective:{type:String,default:`if`},closable:{type:Boolean,default:void 0},tabProps:Object,label:[String,Number,Object,Function]},Ot=k({__TAB_PANE__:!0,name:`TabPane`,alias:[`TabPanel`],props:Dt,slots:Object,setup(t){let n=e(Et,null);return n||Ae(`tab-pane`,"`n-tab-pane` must be placed inside `n-tabs`."),{style:n.paneStyleRef,class:n.paneClassRef,mergedClsPrefix:n.mergedClsPrefixRef}},render(){return o(),C(`div`,{class:W([`${this.mergedClsPrefix}-tab-pane`,this.class]),style:p(this.style)},[X(()=>this.$slots.default?.())],6)}}),kt=[`data-name`,`data-disabled`],At={internalLeftPadded:Boolean,internalAddable:Boolean,internalCreatedByPane:Boolean,...te(Dt,[`displayDirective`])},jt=k({__TAB__:!0,inheritAttrs:!1,name:`Tab`,props:At,setup(t){let{mergedClsPrefixRef:n,valueRef:r,typeRef:i,closableRef:a,tabStyleRef:o,addTabStyleRef:s,tabClassRef:c,addTabClassRef:l,tabChangeIdRef:u,onBeforeLeaveRef:d,triggerRef:f,handleAdd:p,activateTab:m,handleClose:h}=e(Et);return{trigger:f,mergedClosable:x(()=>{if(t.internalAddable)return!1;let{closable:e}=t;return e===void 0?a.value:e}),style:o,addStyle:s,tabClass:c,addTabClass:l,clsPrefix:n,value:r,type:i,handleClose(e){e.stopPropagation(),t.disabled||h(t.name)},activateTab(){if(t.disabled)return;if(t.internalAddable){p();return}let{name:e}=t,n=++u.id;if(e!==r.value){let{value:i}=d;i?Promise.resolve(i(t.name,r.value)).then(t=>{t&&u.id===n&&m(e)}):m(e)}}}},render(){let{internalAddable:e,clsPrefix:t,name:n,disabled:r,label:i,tab:a,value:s,mergedClosable:l,trigger:u,$slots:{default:d}}=this,f=i??a;return o(),C(`div`,{class:W(`${t}-tabs-tab-wrapper`)},[this.internalLeftPadded?(o(),C(`div`,{key:0,class:W(`${t}-tabs-tab-pad`)},null,2)):X(()=>null),(o(),C(`div`,c({key:n,"data-name":n,"data-disabled":r?!0:void 0},c({class:[`${t}-tabs-tab`,s===n&&`${t}-tabs-tab--active`,r&&`${t}-tabs-tab--disabled`,l&&`${t}-tabs-tab--closable`,e&&`${t}-tabs-tab--addable`,e?this.addTabClass:this.tabClass],onClick:u===`click`?this.activateTab:void 0,onMouseenter:u===`hover`?this.activateTab:void 0,style:e?this.addStyle:this.style},this.internalCreatedByPane?this.tabProps||{}:this.$attrs)),[E(`span`,{class:W(`${t}-tabs-tab__label`)},[e?(o(),C(y,{key:0},[E(`div`,{class:W(`${t}-tabs-tab__height-placeholder`)},`\xA0`,2),(o(),h(U,{clsPrefix:t},{default:()=>(o(),h(ze))},1032,[`clsPrefix`]))],64)):(o(),C(y,{key:1},[d?(o(),C(y,{key:0},[X(()=>d())],64)):(o(),C(y,{key:1},[typeof f==`object`?(o(),C(y,{key:0},[X(()=>f)],64)):(o(),C(y,{key:1},[X(()=>j(f??n))],64))],64))],64))],2),l&&this.type===`card`?(o(),h(ue,{key:0,clsPrefix:t,class:W(`${t}-tabs-tab__close`),onClick:this.handleClose,disabled:r},null,8,[`clsPrefix`,`class`,`onClick`,`disabled`])):X(()=>null)],16,kt))],2)}}),Mt=Q(`tabs`,`
 box-sizing: border-box;
 width: 100%;
 display: flex;
 flex-direction: column;
 transition:
 background-color .3s var(--n-bezier),
 border-color .3s var(--n-bezier);
`,[J(`&.transition-disabled`,[Q(`tabs-tab`,`
 transition: none !important;
 `),Q(`tabs-nav-scroll-content`,`
 transition: none !important;
 `),Q(`tabs-tab-pad`,`
 transition: none !important;
 `)]),q(`segment-type`,[Q(`tabs-rail`,[J(`&.transition-disabled`,[Q(`tabs-capsule`,`
 transition: none;
 `)])])]),q(`top`,[Q(`tab-pane`,`
 padding: var(--n-pane-padding-top) var(--n-pane-padding-right) var(--n-pane-padding-bottom) var(--n-pane-padding-left);
 `)]),q(`left`,[Q(`tab-pane`,`
 padding: var(--n-pane-padding-right) var(--n-pane-padding-bottom) var(--n-pane-padding-left) var(--n-pane-padding-top);
 `)]),q(`left, right`,`
 flex-direction: row;
 `,[Q(`tabs-bar`,`
 width: 2px;
 right: 0;
 transition:
 top .2s var(--n-bezier),
 max-height .2s var(--n-bezier),
 background-color .3s var(--n-bezier);
 `),Q(`tabs-tab`,`
 padding: var(--n-tab-padding-vertical); 
 `)]),q(`right`,`
 flex-direction: row-reverse;
 `,[Q(`tab-pane`,`
 padding: var(--n-pane-padding-left) var(--n-pane-padding-top) var(--n-pane-padding-right) var(--n-pane-padding-bottom);
 `),Q(`tabs-bar`,`
 left: 0;
 `)]),q(`bottom`,`
 flex-direction: column-reverse;
 justify-content: flex-end;
 `,[Q(`tab-pane`,`
 padding: var(--n-pane-padding-bottom) var(--n-pane-padding-right) var(--n-pane-padding-top) var(--n-pane-padding-left);
 `),Q(`tabs-bar`,`
 top: 0;
 `)]),Q(`tabs-rail`,`
 position: relative;
 padding: 3px;
 border-radius: var(--n-tab-border-radius);
 width: 100%;
 background-color: var(--n-color-segment);
 transition: background-color .3s var(--n-bezier);
 display: flex;
 align-items: center;
 `,[Q(`tabs-capsule`,`
 border-radius: var(--n-tab-border-radius);
 position: absolute;
 left: 0;
 top: 0;
 pointer-events: none;
 background-color: var(--n-tab-color-segment);
 box-shadow: 0 1px 3px 0 rgba(0, 0, 0, .08);
 transition: transform 0.3s var(--n-bezier);
 `),Q(`tabs-tab-wrapper`,`
 flex-basis: 0;
 flex-grow: 1;
 display: flex;
 align-items: center;
 justify-content: center;
 `,[Q(`tabs-tab`,`
 overflow: hidden;
 border-radius: var(--n-tab-border-radius);
 width: 100%;
 display: flex;
 align-items: center;
 justify-content: center;
 `,[q(`active`,`
 font-weight: var(--n-font-weight-strong);
 color: var(--n-tab-text-color-active);
 `),J(`&:hover`,`
 color: var(--n-tab-text-color-hover);
 `)])])]),q(`flex`,[Q(`tabs-nav`,`
 width: 100%;
 position: relative;
 `,[Q(`tabs-wrapper`,`
 width: 100%;
 `,[Q(`tabs-tab`,`
 margin-right: 0;
 `)])])]),Q(`tabs-nav`,`
 box-sizing: border-box;
 line-height: 1.5;
 display: flex;
 transition: border-color .3s var(--n-bezier);
 `,[Z(`prefix, suffix`,`
 display: flex;
 align-items: center;
 `),Z(`prefix`,`padding-right: 16px;`),Z(`suffix`,`padding-left: 16px;`)]),q(`top, bottom`,[J(`>`,[Q(`tabs-nav`,[Q(`tabs-nav-scroll-wrapper`,[J(`&::before`,`
 top: 0;
 bottom: 0;
 left: 0;
 width: 20px;
 `),J(`&::after`,`
 top: 0;
 bottom: 0;
 right: 0;
 width: 20px;
 `),q(`shadow-start`,[J(`&::before`,`
 box-shadow: inset 10px 0 8px -8px rgba(0, 0, 0, .12);
 `)]),q(`shadow-end`,[J(`&::after`,`
 box-shadow: inset -10px 0 8px -8px rgba(0, 0, 0, .12);
 `)])])])])]),q(`left, right`,[Q(`tabs-nav-scroll-content`,`
 flex-direction: column;
 `),J(`>`,[Q(`tabs-nav`,[Q(`tabs-nav-scroll-wrapper`,[J(`&::before`,`
 top: 0;
 left: 0;
 right: 0;
 height: 20px;
 `),J(`&::after`,`
 bottom: 0;
 left: 0;
 right: 0;
 height: 20px;
 `),q(`shadow-start`,[J(`&::before`,`
 box-shadow: inset 0 10px 8px -8px rgba(0, 0, 0, .12);
 `)]),q(`shadow-end`,[J(`&::after`,`
 box-shadow: inset 0 -10px 8px -8px rgba(0, 0, 0, .12);
 `)])])])])]),Q(`tabs-nav-scroll-wrapper`,`
 flex: 1;
 position: relative;
 overflow: hidden;
 `,[Q(`tabs-nav-y-scroll`,`
 height: 100%;
 width: 100%;
 overflow-y: auto; 
 scrollbar-width: none;
 `,[J(`&::-webkit-scrollbar, &::-webkit-scrollbar-track-piece, &::-webkit-scrollbar-thumb`,`
 width: 0;
 height: 0;
 display: none;
 `)]),J(`&::before, &::after`,`
 transition: box-shadow .3s var(--n-bezier);
 pointer-events: none;
 content: "";
 position: absolute;
 z-index: 1;
 `),J(`&.transition-disabled`,[J(`&::before, &::after`,`
 transition: none;
 `)])]),Q(`tabs-nav-scroll-content`,`
 display: flex;
 position: relative;
 min-width: 100%;
 min-height: 100%;
 width: fit-content;
 box-sizing: border-box;
 `),Q(`tabs-wrapper`,`
 display: inline-flex;
 flex-wrap: nowrap;
 position: relative;
 `),Q(`tabs-tab-wrapper`,`
 display: flex;
 flex-wrap: nowrap;
 flex-shrink: 0;
 flex-grow: 0;
 `),Q(`tabs-tab`,`
 cursor: pointer;
 white-space: nowrap;
 flex-wrap: nowrap;
 display: inline-flex;
 align-items: center;
 color: var(--n-tab-text-color);
 font-size: var(--n-tab-font-size);
 background-clip: padding-box;
 padding: var(--n-tab-padding);
 transition:
 box-shadow .3s var(--n-bezier),
 color .3s var(--n-bezier),
 background-color .3s var(--n-bezier),
 border-color .3s var(--n-bezier);
 `,[q(`disabled`,{cursor:`not-allowed`}),Z(`close`,`
 margin-inline-start: 6px;
 transition:
 background-color .3s var(--n-bezier),
 color .3s var(--n-bezier);
 `),Z(`label`,`
 display: flex;
 align-items: center;
 z-index: 1;
 `)]),Q(`tabs-bar`,`
 position: absolute;
 bottom: 0;
 height: 2px;
 border-radius: 1px;
 background-color: var(--n-bar-color);
 transition:
 left .2s var(--n-bezier),
 max-width .2s var(--n-bezier),
 opacity .3s var(--n-bezier),
 background-color .3s var(--n-bezier);
 `,[J(`&.transition-disabled`,`
 transition: none;
 `),q(`disabled`,`
 background-color: var(--n-tab-text-color-disabled)
 `)]),Q(`tabs-pane-wrapper`,`
 position: relative;
 overflow: hidden;
 transition: max-height .2s var(--n-bezier);
 `),Q(`tab-pane`,`
 color: var(--n-pane-text-color);
 width: 100%;
 transition:
 color .3s var(--n-bezier),
 background-color .3s var(--n-bezier),
 opacity .2s var(--n-bezier);
 left: 0;
 right: 0;
 top: 0;
 `,[J(`&.next-transition-leave-active, &.prev-transition-leave-active, &.next-transition-enter-active, &.prev-transition-enter-active`,`
 transition:
 color .3s var(--n-bezier),
 background-color .3s var(--n-bezier),
 transform .2s var(--n-bezier),
 opacity .2s var(--n-bezier);
 `),J(`&.next-transition-leave-active, &.prev-transition-leave-active`,`
 position: absolute;
 `),J(`&.next-transition-enter-from, &.prev-transition-leave-to`,`
 transform: translateX(32px);
 opacity: 0;
 `),J(`&.next-transition-leave-to, &.prev-transition-enter-from`,`
 transform: translateX(-32px);
 opacity: 0;
 `),J(`&.next-transition-leave-from, &.next-transition-enter-to, &.prev-transition-leave-from, &.prev-transition-enter-to`,`
 transform: translateX(0);
 opacity: 1;
 `)]),Q(`tabs-tab-pad`,`
 box-sizing: border-box;
 width: var(--n-tab-gap);
 flex-grow: 0;
 flex-shrink: 0;
 `),q(`line-type, bar-type`,[Q(`tabs-tab`,`
 font-weight: var(--n-tab-font-weight);
 box-sizing: border-box;
 vertical-align: bottom;
 `,[J(`&:hover`,{color:`var(--n-tab-text-color-hover)`}),q(`active`,`
 color: var(--n-tab-text-color-active);
 font-weight: var(--n-tab-font-weight-active);
 `),q(`disabled`,{color:`var(--n-tab-text-color-disabled)`})])]),Q(`tabs-nav`,[Z(`prefix, suffix`,`
 border-color: var(--n-tab-border-color);
 `),Q(`tabs-nav-scroll-content`,`
 border-color: var(--n-tab-border-color);
 `),q(`line-type`,[q(`top`,[Z(`prefix, suffix`,`
 border-bottom: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-nav-scroll-content`,`
 border-bottom: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-bar`,`
 bottom: -1px;
 `)]),q(`left`,[Z(`prefix, suffix`,`
 border-right: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-nav-scroll-content`,`
 border-right: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-bar`,`
 right: -1px;
 `)]),q(`right`,[Z(`prefix, suffix`,`
 border-left: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-nav-scroll-content`,`
 border-left: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-bar`,`
 left: -1px;
 `)]),q(`bottom`,[Z(`prefix, suffix`,`
 border-top: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-nav-scroll-content`,`
 border-top: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-bar`,`
 top: -1px;
 `)]),Z(`prefix, suffix`,`
 transition: border-color .3s var(--n-bezier);
 `),Q(`tabs-nav-scroll-content`,`
 transition: border-color .3s var(--n-bezier);
 `),Q(`tabs-bar`,`
 border-radius: 0;
 `)]),q(`card-type`,[Z(`prefix, suffix`,`
 transition: border-color .3s var(--n-bezier);
 `),Q(`tabs-pad`,`
 flex-grow: 1;
 transition: border-color .3s var(--n-bezier);
 `),Q(`tabs-tab-pad`,`
 transition: border-color .3s var(--n-bezier);
 `),Q(`tabs-tab`,`
 font-weight: var(--n-tab-font-weight);
 border: 1px solid var(--n-tab-border-color);
 background-color: var(--n-tab-color);
 box-sizing: border-box;
 position: relative;
 vertical-align: bottom;
 display: flex;
 justify-content: space-between;
 font-size: var(--n-tab-font-size);
 color: var(--n-tab-text-color);
 `,[q(`addable`,`
 padding-left: 8px;
 padding-right: 8px;
 font-size: 16px;
 justify-content: center;
 `,[Z(`height-placeholder`,`
 width: 0;
 font-size: var(--n-tab-font-size);
 `),Te(`disabled`,[J(`&:hover`,`
 color: var(--n-tab-text-color-hover);
 `)])]),q(`closable`,`padding-inline-end: 8px;`),q(`active`,`
 background-color: #0000;
 font-weight: var(--n-tab-font-weight-active);
 color: var(--n-tab-text-color-active);
 `),q(`disabled`,`color: var(--n-tab-text-color-disabled);`)])]),q(`left, right`,`
 flex-direction: column; 
 `,[Z(`prefix, suffix`,`
 padding: var(--n-tab-padding-vertical);
 `),Q(`tabs-wrapper`,`
 flex-direction: column;
 `),Q(`tabs-tab-wrapper`,`
 flex-direction: column;
 `,[Q(`tabs-tab-pad`,`
 height: var(--n-tab-gap-vertical);
 width: 100%;
 `)])]),q(`top`,[q(`card-type`,[Q(`tabs-scroll-padding`,`border-bottom: 1px solid var(--n-tab-border-color);`),Z(`prefix, suffix`,`
 border-bottom: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-tab`,`
 border-top-left-radius: var(--n-tab-border-radius);
 border-top-right-radius: var(--n-tab-border-radius);
 `,[q(`active`,`
 border-bottom: 1px solid #0000;
 `)]),Q(`tabs-tab-pad`,`
 border-bottom: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-pad`,`
 border-bottom: 1px solid var(--n-tab-border-color);
 `)])]),q(`left`,[q(`card-type`,[Q(`tabs-scroll-padding`,`border-right: 1px solid var(--n-tab-border-color);`),Z(`prefix, suffix`,`
 border-right: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-tab`,`
 border-top-left-radius: var(--n-tab-border-radius);
 border-bottom-left-radius: var(--n-tab-border-radius);
 `,[q(`active`,`
 border-right: 1px solid #0000;
 `)]),Q(`tabs-tab-pad`,`
 border-right: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-pad`,`
 border-right: 1px solid var(--n-tab-border-color);
 `)])]),q(`right`,[q(`card-type`,[Q(`tabs-scroll-padding`,`border-left: 1px solid var(--n-tab-border-color);`),Z(`prefix, suffix`,`
 border-left: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-tab`,`
 border-top-right-radius: var(--n-tab-border-radius);
 border-bottom-right-radius: var(--n-tab-border-radius);
 `,[q(`active`,`
 border-left: 1px solid #0000;
 `)]),Q(`tabs-tab-pad`,`
 border-left: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-pad`,`
 border-left: 1px solid var(--n-tab-border-color);
 `)])]),q(`bottom`,[q(`card-type`,[Q(`tabs-scroll-padding`,`border-top: 1px solid var(--n-tab-border-color);`),Z(`prefix, suffix`,`
 border-top: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-tab`,`
 border-bottom-left-radius: var(--n-tab-border-radius);
 border-bottom-right-radius: var(--n-tab-border-radius);
 `,[q(`active`,`
 border-top: 1px solid #0000;
 `)]),Q(`tabs-tab-pad`,`
 border-top: 1px solid var(--n-tab-border-color);
 `),Q(`tabs-pad`,`
 border-top: 1px solid var(--n-tab-border-color);
 `)])])]),Q(`tabs-scroll-button`,[q(`start`,`
 padding-left: 10px;
 padding-right: 6px;
 `),q(`end`,`
 padding-right: 10px;
 padding-left: 6px;
 `),q(`up`,`
 padding-bottom: 10px;
 `),q(`down`,`
 padding-top: 10px;
 `)])]),Nt=k({name:`TabsButton`,props:{type:{type:String,default:`next`},mergedClsPrefix:{type:String,required:!0},vertical:Boolean,disabled:Boolean,rtl:Boolean,theme:Object,themeOverrides:Object,onClick:Function},setup(e){return{handleClick:()=>{e.disabled||e.onClick?.(e.type)}}},render(){let{mergedClsPrefix:e,disabled:t,type:n,vertical:r,rtl:i,theme:a,themeOverrides:s,handleClick:c}=this,l=n===`next`,u=r?l:i?!l:l;return o(),h($,{text:!0,disabled:t,size:`small`,theme:a,themeOverrides:s,onClick:c,class:W([`${e}-tabs-scroll-button`,!r&&n===`prev`&&`${e}-tabs-scroll-button--start`,!r&&n===`next`&&`${e}-tabs-scroll-button--end`,r&&n===`prev`&&`${e}-tabs-scroll-button--up`,r&&n===`next`&&`${e}-tabs-scroll-button--down`])},{icon:()=>(o(),h(U,{clsPrefix:e,style:p(r?{transform:`rotate(90deg)`}:void 0)},{default:()=>u?(o(),h(N,{key:1})):(o(),h(pt,{key:2}))},1032,[`clsPrefix`,`style`]))},1032,[`disabled`,`theme`,`themeOverrides`,`onClick`,`class`])}}),Pt=ut,Ft={...Ce.props,value:[String,Number],defaultValue:[String,Number],trigger:{type:String,default:`click`},type:{type:String,default:`bar`},closable:Boolean,justifyContent:String,size:String,placement:{type:String,default:`top`},tabStyle:[String,Object],tabClass:String,addTabStyle:[String,Object],addTabClass:String,barWidth:Number,paneClass:String,paneStyle:[String,Object],paneWrapperClass:String,paneWrapperStyle:[String,Object],addable:[Boolean,Object],tabsPadding:{type:Number,default:0},animated:Boolean,onBeforeLeave:Function,onAdd:Function,"onUpdate:value":[Function,Array],onUpdateValue:[Function,Array],onClose:[Function,Array],labelSize:String,activeName:[String,Number],onActiveNameChange:[Function,Array],showScrollButton:Boolean,centerActiveTab:Boolean},It=k({name:`Tabs`,props:Ft,slots:Object,setup(e,{slots:r}){let{mergedClsPrefixRef:i,inlineThemeDisabled:a,mergedComponentPropsRef:o,mergedRtlRef:s}=Pe(e),c=Ie(`Tabs`,s,i),f=x(()=>{let{placement:t}=e;return t===`start`?c?.value?`right`:`left`:t===`end`?c?.value?`left`:`right`:t}),p=Ce(`Tabs`,`-tabs`,Mt,re,e,i),m=d(null),h=d(null),g=d(null),_=d(null),v=d(null),y=d(null),S=d(null),C=d(!0),w=d(!0),E=oe(e,[`labelSize`,`size`]),D=x(()=>E.value?E.value:o?.value?.Tabs?.size||`medium`),O=oe(e,[`activeName`,`value`]),k=d(O.value??e.defaultValue??(r.default?z(r.default())[0]?.props?.name:null)),A=ce(O,k),j={id:0},M=x(()=>{if(e.justifyContent&&e.type!==`card`)return{display:`flex`,justifyContent:e.justifyContent}});l(A,()=>{j.id=0,F(),t(()=>{I()})});function N(){let{value:e}=A;return e===null?null:m.value?.querySelector(`[data-name="${e}"]`)}function P(t){if(e.type===`card`)return;let{value:n}=g;if(!n)return;let r=n.style.opacity===`0`;if(t){let a=`${i.value}-tabs-bar--disabled`,{barWidth:o}=e,s=f.value;if(t.dataset.disabled===`true`?n.classList.add(a):n.classList.remove(a),[`top`,`bottom`].includes(s)){if(te([`top`,`maxHeight`,`height`]),typeof o==`number`&&t.offsetWidth>=o){let e=Math.floor((t.offsetWidth-o)/2)+t.offsetLeft;n.style.left=`${e}px`,n.style.maxWidth=`${o}px`}else n.style.left=`${t.offsetLeft}px`,n.style.maxWidth=`${t.offsetWidth}px`;n.style.width=`8192px`,r&&(n.style.transition=`none`),n.offsetWidth,r&&(n.style.transition=``,n.style.opacity=`1`)}else{if(te([`left`,`maxWidth`,`width`]),typeof o==`number`&&t.offsetHeight>=o){let e=Math.floor((t.offsetHeight-o)/2)+t.offsetTop;n.style.top=`${e}px`,n.style.maxHeight=`${o}px`}else n.style.top=`${t.offsetTop}px`,n.style.maxHeight=`${t.offsetHeight}px`;n.style.height=`8192px`,r&&(n.style.transition=`none`),n.offsetHeight,r&&(n.style.transition=``,n.style.opacity=`1`)}}}function ee(){if(e.type===`card`)return;let{value:t}=g;t&&(t.style.opacity=`0`)}function te(e){let{value:t}=g;if(t)for(let n of e)t.style[n]=``}function F(){if(e.type===`card`)return;let t=N();t?P(t):ee()}function ne(e,t,n,r){let i=e.getBoundingClientRect(),a=t.getBoundingClientRect(),o=n?`left`:`top`,s=n?`right`:`bottom`,c=0;r?c=(a[o]+a[s])/2-(i[o]+i[s])/2:a[o]<i[o]?c=a[o]-i[o]:a[s]>i[s]&&(c=a[s]-i[s]),c!==0&&e.scrollBy({[o]:c,behavior:`smooth`})}function I(){let t=[`top`,`bottom`].includes(f.value),n=N();if(n){if(t){let r=y.value?.$el;if(!r)return;ne(r,n,t,e.centerActiveTab)}else{let{value:r}=S;if(!r)return;ne(r,n,t,e.centerActiveTab)}}}let L=d(null),ie=0,R=null;function ae(e){let t=L.value;if(t){ie=e.getBoundingClientRect().height;let n=`${ie}px`,r=()=>{t.style.height=n,t.style.maxHeight=n};R?(r(),R(),R=null):R=r}}function se(e){let t=L.value;if(t){let n=e.getBoundingClientRect().height,r=()=>{document.body.offsetHeight,t.style.maxHeight=`${n}px`,t.style.height=`${Math.max(ie,n)}px`};R?(R(),R=null,r()):R=r}}function ue(){let t=L.value;if(t){t.style.maxHeight=``,t.style.height=``;let{paneWrapperStyle:n}=e;if(typeof n==`string`)t.style.cssText=n;else if(n){let{maxHeight:e,height:r}=n;e!==void 0&&(t.style.maxHeight=e),r!==void 0&&(t.style.height=r)}}}let de={value:[]},B=d(`next`);function fe(e){let t=A.value,n=`next`;for(let r of de.value){if(r===t)break;if(r===e){n=`prev`;break}}B.value=n,pe(e)}function pe(t){let{onActiveNameChange:n,onUpdateValue:r,"onUpdate:value":i}=e;n&&G(n,t),r&&G(r,t),i&&G(i,t),k.value=t}function me(t){let{onClose:n}=e;n&&G(n,t)}function he(e){if([`top`,`bottom`].includes(f.value)){let{value:t}=y;if(!t)return;let n=t.$el;if(!n)return;let r=n.offsetWidth,i=!!c?.value,a=e===`next`?r:-r;n.scrollBy({left:i?-a:a,behavior:`smooth`})}else{let{value:t}=S;if(!t)return;let n=t.offsetHeight,r=e===`next`?t.scrollTop+n:t.scrollTop-n;t.scrollTo({top:r,left:0,behavior:`smooth`})}}let ge=!0;function V(){let{value:e}=g;if(!e)return;ge&&=!1;let t=`transition-disabled`;e.classList.add(t),F(),e.classList.remove(t)}let H=d(null);function U({transitionDisabled:e}){let t=m.value;if(!t)return;e&&t.classList.add(`transition-disabled`);let n=N();n&&H.value&&(H.value.style.width=`${n.offsetWidth}px`,H.value.style.height=`${n.offsetHeight}px`,H.value.style.transform=`translate(${n.offsetLeft}px, ${n.offsetTop}px)`,e&&H.value.offsetWidth),e&&t.classList.remove(`transition-disabled`)}l([A],()=>{e.type===`segment`&&t(()=>{U({transitionDisabled:!1})})}),b(()=>{e.type===`segment`&&U({transitionDisabled:!0})});let W=0;function ve(t){if(t.contentRect.width===0&&t.contentRect.height===0||W===t.contentRect.width)return;W=t.contentRect.width;let{type:n}=e;(n===`line`||n===`bar`)&&(ge||e.justifyContent?.startsWith(`space`))&&V(),n!==`segment`&&Ee(J())}let ye=Pt(ve,64);function be(){let{type:t}=e;t===`line`||t===`bar`?V():t===`segment`&&U({transitionDisabled:!0})}l([()=>e.justifyContent,()=>e.size],()=>{t(()=>{(e.type===`line`||e.type===`bar`)&&V()})}),l([f,()=>c?.value],()=>{t(()=>{be(),Ee(J(),{instantly:!0})})}),l(()=>e.type,()=>{t(()=>{let e=h.value;e&&(e.classList.add(`transition-disabled`),be(),e.offsetWidth,e.classList.remove(`transition-disabled`))})});let K=d(!1);function xe(e){let{target:t,contentRect:{width:n,height:r}}=e,i=t.parentElement.parentElement.offsetWidth,a=t.parentElement.parentElement.offsetHeight,o=f.value;if(!K.value)o===`top`||o===`bottom`?i<n&&(K.value=!0):a<r&&(K.value=!0);else{let{value:e}=v;if(!e)return;o===`top`||o===`bottom`?i-n>e.$el.offsetWidth&&(K.value=!1):a-r>e.$el.offsetHeight&&(K.value=!1)}Ee(y.value?.$el||null)}let Se=Pt(xe,64);function q(){let{onAdd:t}=e;t&&t()}let Te=d(!1);function J(){let e=f.value;return(e===`top`||e===`bottom`?y.value?.$el:S.value)||null}function Ee(e,t={instantly:!1}){if(!e)return;let n=t.instantly?_.value:null;n&&n.classList.add(`transition-disabled`);let r=f.value;if(r===`top`||r===`bottom`){let{scrollLeft:t,scrollWidth:n,offsetWidth:r}=e,i=Math.abs(t);C.value=i<=1,w.value=i+r>=n-1,Te.value=r<n-1}else{let{scrollTop:t,scrollHeight:n,offsetHeight:r}=e;C.value=t<=1,w.value=t+r>=n-1,Te.value=r<n-1}n&&(n.offsetWidth,n.classList.remove(`transition-disabled`))}let De=Pt(e=>{Ee(e.target)},64);n(Et,{triggerRef:T(e,`trigger`),tabStyleRef:T(e,`tabStyle`),tabClassRef:T(e,`tabClass`),addTabStyleRef:T(e,`addTabStyle`),addTabClassRef:T(e,`addTabClass`),paneClassRef:T(e,`paneClass`),paneStyleRef:T(e,`paneStyle`),mergedClsPrefixRef:i,typeRef:T(e,`type`),closableRef:T(e,`closable`),valueRef:A,tabChangeIdRef:j,onBeforeLeaveRef:T(e,`onBeforeLeave`),activateTab:fe,handleClose:me,handleAdd:q}),le(()=>{F(),I()}),u(()=>{let{value:e}=_;if(!e)return;let{value:t}=i,n=`${t}-tabs-nav-scroll-wrapper--shadow-start`,r=`${t}-tabs-nav-scroll-wrapper--shadow-end`;C.value?e.classList.remove(n):e.classList.add(n),w.value?e.classList.remove(r):e.classList.add(r)});let Oe={syncBarPosition:()=>{F()},scrollToCurrentTab:()=>{I()}},X=()=>{U({transitionDisabled:!0})},ke=x(()=>{let{value:t}=D,{type:n}=e,r=`${t}${{card:`Card`,bar:`Bar`,line:`Line`,segment:`Segment`}[n]}`,{self:{barColor:i,closeIconColor:a,closeIconColorHover:o,closeIconColorPressed:s,tabColor:c,tabBorderColor:l,paneTextColor:u,tabFontWeight:d,tabBorderRadius:f,tabFontWeightActive:m,colorSegment:h,fontWeightStrong:g,tabColorSegment:_,closeSize:v,closeIconSize:y,closeColorHover:b,closeColorPressed:x,closeBorderRadius:S,[Y(`panePadding`,t)]:C,[Y(`tabPadding`,r)]:w,[Y(`tabPaddingVertical`,r)]:T,[Y(`tabGap`,r)]:E,[Y(`tabGap`,`${r}Vertical`)]:O,[Y(`tabTextColor`,n)]:k,[Y(`tabTextColorActive`,n)]:A,[Y(`tabTextColorHover`,n)]:j,[Y(`tabTextColorDisabled`,n)]:M,[Y(`tabFontSize`,t)]:N},common:{cubicBezierEaseInOut:P}}=p.value;return{"--n-bezier":P,"--n-color-segment":h,"--n-bar-color":i,"--n-tab-font-size":N,"--n-tab-text-color":k,"--n-tab-text-color-active":A,"--n-tab-text-color-disabled":M,"--n-tab-text-color-hover":j,"--n-pane-text-color":u,"--n-tab-border-color":l,"--n-tab-border-radius":f,"--n-close-size":v,"--n-close-icon-size":y,"--n-close-color-hover":b,"--n-close-color-pressed":x,"--n-close-border-radius":S,"--n-close-icon-color":a,"--n-close-icon-color-hover":o,"--n-close-icon-color-pressed":s,"--n-tab-color":c,"--n-tab-font-weight":d,"--n-tab-font-weight-active":m,"--n-tab-padding":w,"--n-tab-padding-vertical":T,"--n-tab-gap":E,"--n-tab-gap-vertical":O,"--n-pane-padding-left":_e(C,`left`),"--n-pane-padding-right":_e(C,`right`),"--n-pane-padding-top":_e(C,`top`),"--n-pane-padding-bottom":_e(C,`bottom`),"--n-font-weight-strong":g,"--n-tab-color-segment":_}}),Ae=a?we(`tabs`,x(()=>`${D.value[0]}${e.type[0]}`),ke,e):void 0;return{mergedClsPrefix:i,mergedValue:A,renderedNames:new Set,segmentCapsuleElRef:H,tabsPaneWrapperRef:L,tabsElRef:m,selfElRef:h,barElRef:g,addTabInstRef:v,xScrollInstRef:y,scrollWrapperElRef:_,addTabFixed:K,tabWrapperStyle:M,handleNavResize:ye,mergedSize:D,handleScroll:De,handleTabsResize:Se,cssVars:a?void 0:ke,themeClass:Ae?.themeClass,animationDirection:B,renderNameListRef:de,yScrollElRef:S,handleSegmentResize:X,onAnimationBeforeLeave:ae,onAnimationEnter:se,onAnimationAfterEnter:ue,onRender:Ae?.onRender,startReachedRef:C,endReachedRef:w,isOverflow:Te,handleButtonClick:he,mergedTheme:p,rtlEnabled:c,mergedPlacement:f,...Oe}},render(){let{mergedClsPrefix:e,type:t,mergedPlacement:n,addTabFixed:r,addable:i,mergedSize:a,renderNameListRef:s,onRender:l,paneWrapperClass:u,paneWrapperStyle:d,startReachedRef:f,endReachedRef:m,isOverflow:g,showScrollButton:_,handleButtonClick:v,mergedTheme:b,rtlEnabled:x,$slots:{default:S,prefix:w,suffix:T}}=this;l?.();let D=S?z(S()).filter(e=>e.type.__TAB_PANE__===!0):[],O=S?z(S()).filter(e=>e.type.__TAB__===!0):[],k=!O.length,A=t===`card`,j=t===`segment`,M=!A&&!j&&this.justifyContent;s.value=[];let N=()=>{let t=(o(),C(`div`,{style:p(this.tabWrapperStyle),class:W(`${e}-tabs-wrapper`)},[M?X(()=>null):(o(),C(`div`,{key:1,class:W(`${e}-tabs-scroll-padding`),style:p(n===`top`||n===`bottom`?{width:`${this.tabsPadding}px`}:{height:`${this.tabsPadding}px`})},null,6)),k?(o(),C(y,{key:2},[X(()=>D.map((e,t)=>(s.value.push(e.props.name),Bt((o(),h(jt,c(e.props,{internalCreatedByPane:!0,internalLeftPadded:t!==0&&(!M||M===`center`||M===`start`||M===`end`)}),xe(e.children?{default:e.children.tab}:void 0),1040,[`internalLeftPadded`]))))))],64)):(o(),C(y,{key:3},[X(()=>O.map((e,t)=>(s.value.push(e.props.name),Bt(t!==0&&!M?zt(e):e))))],64)),!r&&i&&A?(o(),C(y,{key:4},[X(()=>Rt(i,(k?D.length:O.length)!==0))],64)):X(()=>null),M?X(()=>null):(o(),C(`div`,{key:7,class:W(`${e}-tabs-scroll-padding`),style:p({width:`${this.tabsPadding}px`})},null,6)),A?X(()=>null):(o(),C(`div`,{key:9,ref:`barElRef`,class:W(`${e}-tabs-bar`)},null,2))],6));return o(),C(`div`,{ref:`tabsElRef`,class:W(`${e}-tabs-nav-scroll-content`)},[A&&i?(o(),h(H,{key:0,onResize:this.handleTabsResize},{default:()=>t},1032,[`onResize`])):(o(),C(y,{key:1},[X(()=>t)],64)),A?(o(),C(`div`,{key:2,class:W(`${e}-tabs-pad`)},null,2)):X(()=>null)],2)},P=j?`top`:n;return o(),C(`div`,{ref:`selfElRef`,class:W([`${e}-tabs`,this.themeClass,`${e}-tabs--${t}-type`,`${e}-tabs--${a}-size`,M&&`${e}-tabs--flex`,`${e}-tabs--${P}`,x&&`${e}-tabs--rtl`]),style:p(this.cssVars)},[E(`div`,{class:W([`${e}-tabs-nav--${t}-type`,`${e}-tabs-nav--${P}`,`${e}-tabs-nav`])},[X(()=>ye(w,t=>t&&(o(),C(`div`,{class:W(`${e}-tabs-nav__prefix`)},[X(()=>t)],2)))),j?(o(),h(H,{key:0,onResize:this.handleSegmentResize},{default:()=>(o(),C(`div`,{class:W(`${e}-tabs-rail`),ref:`tabsElRef`},[E(`div`,{class:W(`${e}-tabs-capsule`),ref:`segmentCapsuleElRef`},[E(`div`,{class:W(`${e}-tabs-wrapper`)},[E(`div`,{class:W(`${e}-tabs-tab`)},null,2)],2)],2),k?(o(),C(y,{key:0},[X(()=>D.map((e,t)=>(s.value.push(e.props.name),o(),h(jt,c(e.props,{internalCreatedByPane:!0,internalLeftPadded:t!==0}),xe(e.children?{default:e.children.tab}:void 0),1040,[`internalLeftPadded`]))))],64)):(o(),C(y,{key:1},[X(()=>O.map((e,t)=>(s.value.push(e.props.name),t===0?e:zt(e))))],64))],2))},1032,[`onResize`])):(o(),C(y,{key:1},[X(()=>_&&g&&(o(),h(Nt,{mergedClsPrefix:e,type:`prev`,vertical:P===`left`||P===`right`,disabled:f,rtl:!!x,theme:b.peers.Button,themeOverrides:b.peerOverrides.Button,onClick:v},null,8,[`mergedClsPrefix`,`vertical`,`disabled`,`rtl`,`theme`,`themeOverrides`,`onClick`]))),(o(),h(H,{onResize:this.handleNavResize},{default:()=>(o(),C(`div`,{class:W(`${e}-tabs-nav-scroll-wrapper`),ref:`scrollWrapperElRef`},[[`top`,`bottom`].includes(P)?(o(),h(ft,{key:0,ref:`xScrollInstRef`,onScroll:this.handleScroll},{default:N},1032,[`onScroll`])):(o(),C(`div`,{key:1,class:W(`${e}-tabs-nav-y-scroll`),onScroll:this.handleScroll,ref:`yScrollElRef`},[X(()=>N())],42,[`onScroll`]))],2))},1032,[`onResize`])),X(()=>_&&g&&(o(),h(Nt,{mergedClsPrefix:e,type:`next`,vertical:P===`left`||P===`right`,disabled:m,rtl:!!x,theme:b.peers.Button,themeOverrides:b.peerOverrides.Button,onClick:v},null,8,[`mergedClsPrefix`,`vertical`,`disabled`,`rtl`,`theme`,`themeOverrides`,`onClick`])))],64)),r&&i&&A?(o(),C(y,{key:2},[X(()=>Rt(i,!0))],64)):X(()=>null),X(()=>ye(T,t=>t&&(o(),C(`div`,{class:W(`${e}-tabs-nav__suffix`)},[X(()=>t)],2))))],2),X(()=>k&&(this.animated&&(P===`top`||P===`bottom`)?(o(),C(`div`,{key:1,ref:`tabsPaneWrapperRef`,style:p(d),class:W([`${e}-tabs-pane-wrapper`,u])},[X(()=>Lt(D,this.mergedValue,this.renderedNames,this.onAnimationBeforeLeave,this.onAnimationEnter,this.onAnimationAfterEnter,this.animationDirection))],6)):Lt(D,this.mergedValue,this.renderedNames)))],6)}});function Lt(e,t,n,r,i,s,c){let l=[];return e.forEach(e=>{let{name:r,displayDirective:i,"display-directive":o}=e.props,s=e=>i===e||o===e,c=t===r;if(e.key!==void 0&&(e.key=r),c||s(`show`)||s(`show:lazy`)&&n.has(r)){n.has(r)||n.add(r);let t=!s(`if`);l.push(t?a(e,[[Se,c]]):e)}}),c?(o(),h(ve,{name:`${c}-transition`,onBeforeLeave:r,onEnter:i,onAfterEnter:s},{default:()=>l},1032,[`name`,`onBeforeLeave`,`onEnter`,`onAfterEnter`])):l}function Rt(e,t){return o(),h(jt,{ref:`addTabInstRef`,key:`__addable`,name:`__addable`,internalCreatedByPane:!0,internalAddable:!0,internalLeftPadded:t,disabled:typeof e==`object`&&e.disabled},null,8,[`internalLeftPadded`,`disabled`])}function zt(e){let t=m(e);return t.props?t.props.internalLeftPadded=!0:t.props={internalLeftPadded:!0},t}function Bt(e){return Array.isArray(e.dynamicProps)?e.dynamicProps.includes(`internalLeftPadded`)||e.dynamicProps.push(`internalLeftPadded`):e.dynamicProps=[`internalLeftPadded`],e}var Vt={xmlns:`http://www.w3.org/2000/svg`,"xmlns:xlink":`http://www.w3.org/1999/xlink`,viewBox:`0 0 512 512`},Ht=k({name:`FlashOutline`,render:function(e,t){return o(),C(`svg`,Vt,t[0]||=[E(`path`,{d:`M315.27 33L96 304h128l-31.51 173.23a2.36 2.36 0 0 0 2.33 2.77h0a2.36 2.36 0 0 0 1.89-.95L416 208H288l31.66-173.25a2.45 2.45 0 0 0-2.44-2.75h0a2.42 2.42 0 0 0-1.95 1z`,fill:`none`,stroke:`currentColor`,"stroke-linecap":`round`,"stroke-linejoin":`round`,"stroke-width":`32`},null,-1)])}}),Ut={xmlns:`http://www.w3.org/2000/svg`,"xmlns:xlink":`http://www.w3.org/1999/xlink`,viewBox:`0 0 512 512`},Wt=k({name:`PaperPlaneOutline`,render:function(e,t){return o(),C(`svg`,Ut,t[0]||=[E(`path`,{d:`M53.12 199.94l400-151.39a8 8 0 0 1 10.33 10.33l-151.39 400a8 8 0 0 1-15-.34l-67.4-166.09a16 16 0 0 0-10.11-10.11L53.46 215a8 8 0 0 1-.34-15.06z`,fill:`none`,stroke:`currentColor`,"stroke-linecap":`round`,"stroke-linejoin":`round`,"stroke-width":`32`},null,-1),E(`path`,{fill:`none`,stroke:`currentColor`,"stroke-linecap":`round`,"stroke-linejoin":`round`,"stroke-width":`32`,d:`M460 52L227 285`},null,-1)])}}),Gt=10;function Kt(e,t){return`tarsus.invoke.${e}/${t}`}function qt(e,t){try{let n=JSON.parse(localStorage.getItem(Kt(e,t))??`[]`);return Array.isArray(n)?n:[]}catch{return[]}}function Jt(e,t,n){let r=e=>e.body===n.body&&e.query===n.query&&JSON.stringify(e.headers)===JSON.stringify(n.headers),i=[n,...qt(e,t).filter(e=>!r(e))].slice(0,Gt);try{localStorage.setItem(Kt(e,t),JSON.stringify(i))}catch{}return i}var Yt={class:`page invoke`},Xt={key:1,class:`center`},Zt={key:2,class:`empty`},Qt={key:3,class:`grid`},$t={class:`request`},en={class:`line`},tn={class:`mono prefix`},nn={class:`muted url mono`,"data-test":`request-url`},rn={class:`body-editor`},an={key:1,class:`history`},on=[`onClick`],sn={class:`mono snippet`},cn={class:`muted when`},ln={class:`response`,"data-test":`response`},un={key:1,class:`placeholder muted`},dn={class:`mono`},fn={class:`summary`},pn={class:`stat`,"data-test":`response-duration`},mn={class:`stat muted`},hn={class:`mono out`,"data-test":`response-body`},gn={class:`headers mono`},_n={class:`k`},vn=I(k({__name:`InvokeView`,setup(e){let t=D(()=>ie(()=>import(`./CodeEditor-pKIlPYLV.js`),__vite__mapDeps([0,1,2,3,4,5,6,7]))),n=F(),a=L(),s=d([]),c=d(!1),u=d(``),p=x(()=>{let e=n.params.route;return Array.isArray(e)?e.join(`/`):e??``}),m=d(`{
  
}`),g=d(``),w=d([]),T=d([]),k=d(``),j=d(null),N=d(!1),P=d(``);async function te(){try{s.value=(await me.functions()??[]).filter(e=>e.kind===`route`&&e.route),u.value=``}catch(e){u.value=V(e)}finally{c.value=!0}!p.value&&s.value.length&&re(s.value[0].route,!0)}let ne=x(()=>s.value.map(e=>({label:e.route,value:e.route})));function re(e,t=!1){let n={name:`invoke`,params:{route:e.split(`/`)}};t?a.replace(n):a.push(n)}function I(e){m.value=e?e.body:`{
  
}`,g.value=e?.query??``,w.value=e?e.headers.map(e=>({...e})):[]}l(p,e=>{j.value=null,P.value=``,k.value=``,T.value=e?qt(B.value,e):[],I(T.value[0])},{immediate:!0});let z=x(()=>{let e=g.value.trim().replace(/^\?/,``);return`/`+encodeURIComponent(B.value)+`/`+p.value.split(`/`).map(encodeURIComponent).join(`/`)+(e?`?`+e:``)});async function oe(){if(!p.value||N.value)return;k.value=``,P.value=``;let e=new Headers;for(let t of w.value)if(t.key.trim())try{e.set(t.key.trim(),t.value)}catch{k.value=`"${t.key}" is not a valid header name.`;return}let t=m.value.trim();if(t&&!e.has(`content-type`)&&e.set(`content-type`,`application/json`),t&&/json/i.test(e.get(`content-type`)??``))try{JSON.parse(t)}catch(e){k.value=`The body is not valid JSON (${V(e)}). Fix it, or set a content-type header for other text.`;return}N.value=!0;let n=performance.now();try{let r=await fetch(z.value,{method:`POST`,headers:e,body:t?m.value:void 0}),i=await r.text(),a=performance.now()-n,o=Ke(i),s=r.headers.get(`x-tarsus-duration-ms`),c=r.headers.get(`x-tarsus-cold`);j.value={status:r.status,statusText:r.statusText,headers:[...r.headers.entries()].sort(([e],[t])=>e.localeCompare(t)),body:o.text,json:o.json,size:new TextEncoder().encode(i).length,serverMs:s===null?void 0:Number(s),roundTripMs:a,cold:c===null?void 0:c===`1`,contentType:r.headers.get(`content-type`)??``},T.value=Jt(B.value,p.value,{body:m.value,query:g.value,headers:w.value.filter(e=>e.key.trim()),at:new Date().toISOString(),status:r.status,durationMs:j.value.serverMs??a})}catch(e){P.value=`The request did not complete: ${V(e)}`}finally{N.value=!1}}let se=x(()=>{let e=j.value?.status??0;return e>=500?`error`:e>=400?`warning`:e>=200&&e<300?`success`:`default`});return b(te),(e,n)=>(o(),C(`div`,Yt,[n[15]||=E(`div`,{class:`page-head`},[E(`h1`,null,`Invoke`)],-1),u.value?(o(),h(S(pe),{key:0,type:`error`,title:`Could not load your routes`},{default:r(()=>[v(O(u.value),1)]),_:1})):_(``,!0),c.value?!s.value.length&&!u.value?(o(),C(`div`,Zt,[f(S(ee),{description:`No routes to call yet`},{extra:r(()=>[n[6]||=E(`p`,{class:`muted`},[v(` Every deployed `),E(`code`,null,`.ts`),v(` file outside `),E(`code`,null,`_folders`),v(` is a route. Create one under Functions, or run `),E(`code`,null,`tarsus push`),v(` in a project made by `),E(`code`,null,`tarsus init`),v(`. `)],-1),f(S($),{type:`primary`,onClick:n[0]||=e=>S(a).push({name:`functions`})},{default:r(()=>[...n[5]||=[v(`Go to Functions`,-1)]]),_:1})]),_:1})])):(o(),C(`div`,Qt,[E(`section`,$t,[E(`div`,en,[f(S(A),{bordered:!1,type:`info`,class:`method`},{default:r(()=>[...n[7]||=[v(`POST`,-1)]]),_:1}),E(`span`,tn,`/`+O(S(B))+`/`,1),f(S(R),{value:p.value||null,options:ne.value,filterable:``,placeholder:`Choose a route`,class:`route-select`,"data-test":`route-select`,"onUpdate:value":n[1]||=e=>re(e)},null,8,[`value`,`options`]),f(S($),{type:`primary`,loading:N.value,disabled:!p.value,"data-test":`send`,onClick:oe},{icon:r(()=>[f(S(de),{component:S(Wt)},null,8,[`component`])]),default:r(()=>[n[8]||=v(` Send `,-1)]),_:1},8,[`loading`,`disabled`])]),E(`div`,nn,`POST `+O(z.value),1),f(S(It),{type:`line`,size:`small`,animated:``},{default:r(()=>[f(S(Ot),{name:`body`,tab:`Body (JSON)`},{default:r(()=>[E(`div`,rn,[f(S(t),{modelValue:m.value,"onUpdate:modelValue":n[2]||=e=>m.value=e,language:`json`,label:`Request body`,"min-height":`160px`,onSave:oe},null,8,[`modelValue`])])]),_:1}),f(S(Ot),{name:`query`,tab:`Query`},{default:r(()=>[f(S(M),{value:g.value,"onUpdate:value":n[3]||=e=>g.value=e,placeholder:`page=2&sort=name`,"input-props":{spellcheck:!1,"aria-label":`Query string`}},{prefix:r(()=>[...n[9]||=[v(`?`,-1)]]),_:1},8,[`value`])]),_:1}),f(S(Ot),{name:`headers`,tab:w.value.length?`Headers (${w.value.length})`:`Headers`},{default:r(()=>[f(S(Tt),{value:w.value,"onUpdate:value":n[4]||=e=>w.value=e,preset:`pair`,"key-placeholder":`x-header`,"value-placeholder":`value`},null,8,[`value`])]),_:1},8,[`tab`])]),_:1}),k.value?(o(),h(S(pe),{key:0,type:`warning`,style:{"margin-top":`8px`}},{default:r(()=>[v(O(k.value),1)]),_:1})):_(``,!0),T.value.length?(o(),C(`div`,an,[n[10]||=E(`div`,{class:`section-title`},`Recent requests`,-1),(o(!0),C(y,null,i(T.value,(e,t)=>(o(),C(`button`,{key:t,class:`history-item`,type:`button`,onClick:t=>I(e)},[f(S(A),{size:`tiny`,bordered:!1,type:(e.status??0)<400?`success`:`warning`},{default:r(()=>[v(O(e.status),1)]),_:2},1032,[`type`]),E(`span`,sn,O(e.body.replace(/\s+/g,` `).trim()||`(no body)`)+O(e.query?` ?`+e.query:``),1),E(`span`,cn,O(S(We)(e.durationMs))+` · `+O(S(qe)(e.at)),1)],8,on))),128))])):_(``,!0)]),E(`section`,ln,[P.value?(o(),h(S(pe),{key:0,type:`error`},{default:r(()=>[v(O(P.value),1)]),_:1})):j.value?(o(),C(y,{key:2},[E(`div`,fn,[f(S(A),{type:se.value,size:`large`,bordered:!1,"data-test":`response-status`},{default:r(()=>[v(O(j.value.status)+` `+O(j.value.statusText),1)]),_:1},8,[`type`]),f(S(ae),null,{trigger:r(()=>[E(`span`,pn,O(S(We)(j.value.serverMs??j.value.roundTripMs)),1)]),default:r(()=>[v(` Time in the function (x-tarsus-duration-ms); `+O(S(We)(j.value.roundTripMs))+` round trip from this browser `,1)]),_:1}),j.value.cold===void 0?_(``,!0):(o(),h(S(A),{key:0,size:`small`,bordered:!1,type:j.value.cold?`info`:`default`,"data-test":`response-cold`},{icon:r(()=>[f(S(de),{component:j.value.cold?S(Ue):S(Ht)},null,8,[`component`])]),default:r(()=>[v(` `+O(j.value.cold?`cold start`:`warm`),1)]),_:1},8,[`type`])),E(`span`,mn,O(S(Ge)(j.value.size)),1)]),f(S(It),{type:`line`,size:`small`},{default:r(()=>[f(S(Ot),{name:`body`,tab:j.value.json?`Body (JSON)`:`Body`},{default:r(()=>[E(`pre`,hn,O(j.value.body||`(empty)`),1)]),_:1},8,[`tab`]),f(S(Ot),{name:`headers`,tab:`Headers (${j.value.headers.length})`},{default:r(()=>[E(`table`,gn,[E(`tbody`,null,[(o(!0),C(y,null,i(j.value.headers,([e,t])=>(o(),C(`tr`,{key:e},[E(`td`,_n,O(e),1),E(`td`,null,O(t),1)]))),128))])])]),_:1},8,[`tab`])]),_:1})],64)):(o(),C(`div`,un,[n[11]||=v(` Press `,-1),n[12]||=E(`b`,null,`Send`,-1),n[13]||=v(` (or Ctrl+S in the body) to call `,-1),E(`span`,dn,`POST `+O(z.value),1),n[14]||=v(`. The answer shows up here. `,-1)]))])])):(o(),C(`div`,Xt,[f(S(He))]))]))}}),[[`__scopeId`,`data-v-2e17bc85`]]);export{vn as default};