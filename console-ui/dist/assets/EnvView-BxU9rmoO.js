import{G as e,I as t,P as n,T as r,Y as i,Z as a,_ as o,_t as s,d as c,f as l,g as u,i as d,j as f,l as p,nt as m,p as h,tt as g,u as _,vt as v,y}from"./runtime-core.esm-bundler-DzW16IlU.js";import{B as b,C as x,D as S,E as C,F as w,M as T,Mt as E,N as ee,Nt as D,Ot as O,P as k,Pt as A,U as j,Wt as M,c as N,d as P,jt as F,kt as I,p as te,q as ne,t as L,u as R}from"./Button-C0If5IAl.js";import{U as z,ct as B,dt as V,f as H,m as U,n as W,u as G}from"./session-BM4dH_zM.js";import{F as K,N as q,i as J,n as Y,u as X}from"./index-HMBSlYYy.js";import{t as Z}from"./Popconfirm-Ce5I4aix.js";import{t as re}from"./Spin-IZu_LUeI.js";import{t as ie}from"./use-message-BZAHuexD.js";import{t as ae}from"./TrashOutline-40aejSZI.js";import{t as oe}from"./format-xXsBREuA.js";function se(e){let{primaryColor:t,opacityDisabled:n,borderRadius:r,textColor3:i}=e;return{...X,iconColor:i,textColor:`white`,loadingColor:t,opacityDisabled:n,railColor:`rgba(0, 0, 0, .14)`,railColorActive:t,buttonBoxShadow:`0 1px 4px 0 rgba(0, 0, 0, 0.3), inset 0 0 1px 0 rgba(0, 0, 0, 0.05)`,buttonColor:`#FFF`,railBorderRadiusSmall:r,railBorderRadiusMedium:r,railBorderRadiusLarge:r,buttonBorderRadiusSmall:r,buttonBorderRadiusMedium:r,buttonBorderRadiusLarge:r,boxShadowFocus:`0 0 0 2px ${w(t,{alpha:.2})}`}}var ce={name:`Switch`,common:k,self:se},le=I(`switch`,`
 height: var(--n-height);
 min-width: var(--n-width);
 vertical-align: middle;
 user-select: none;
 -webkit-user-select: none;
 display: inline-flex;
 outline: none;
 justify-content: center;
 align-items: center;
`,[F(`children-placeholder`,`
 height: var(--n-rail-height);
 display: flex;
 flex-direction: column;
 overflow: hidden;
 pointer-events: none;
 visibility: hidden;
 `),F(`rail-placeholder`,`
 display: flex;
 flex-wrap: none;
 `),F(`button-placeholder`,`
 width: calc(1.75 * var(--n-rail-height));
 height: var(--n-rail-height);
 `),I(`base-loading`,`
 position: absolute;
 top: 50%;
 left: 50%;
 transform: translateX(-50%) translateY(-50%);
 font-size: calc(var(--n-button-width) - 4px);
 color: var(--n-loading-color);
 transition: color .3s var(--n-bezier);
 `,[R({left:`50%`,top:`50%`,originalTransform:`translateX(-50%) translateY(-50%)`})]),F(`checked, unchecked`,`
 transition: color .3s var(--n-bezier);
 color: var(--n-text-color);
 box-sizing: border-box;
 position: absolute;
 white-space: nowrap;
 top: 0;
 bottom: 0;
 display: flex;
 align-items: center;
 line-height: 1;
 `),F(`checked`,`
 right: 0;
 padding-right: calc(1.25 * var(--n-rail-height) - var(--n-offset));
 `),F(`unchecked`,`
 left: 0;
 justify-content: flex-end;
 padding-left: calc(1.25 * var(--n-rail-height) - var(--n-offset));
 `),O(`&:focus`,[F(`rail`,`
 box-shadow: var(--n-box-shadow-focus);
 `)]),E(`round`,[F(`rail`,`border-radius: calc(var(--n-rail-height) / 2);`,[F(`button`,`border-radius: calc(var(--n-button-height) / 2);`)])]),D(`disabled`,[D(`icon`,[E(`rubber-band`,[E(`pressed`,[F(`rail`,[F(`button`,`max-width: var(--n-button-width-pressed);`)])]),F(`rail`,[O(`&:active`,[F(`button`,`max-width: var(--n-button-width-pressed);`)])]),E(`active`,[E(`pressed`,[F(`rail`,[F(`button`,`left: calc(100% - var(--n-offset) - var(--n-button-width-pressed));`)])]),F(`rail`,[O(`&:active`,[F(`button`,`left: calc(100% - var(--n-offset) - var(--n-button-width-pressed));`)])])])])])]),E(`active`,[F(`rail`,[F(`button`,`left: calc(100% - var(--n-button-width) - var(--n-offset))`)])]),F(`rail`,`
 overflow: hidden;
 height: var(--n-rail-height);
 min-width: var(--n-rail-width);
 border-radius: var(--n-rail-border-radius);
 cursor: pointer;
 position: relative;
 transition:
 opacity .3s var(--n-bezier),
 background .3s var(--n-bezier),
 box-shadow .3s var(--n-bezier);
 background-color: var(--n-rail-color);
 `,[F(`button-icon`,`
 color: var(--n-icon-color);
 transition: color .3s var(--n-bezier);
 font-size: calc(var(--n-button-height) - 4px);
 position: absolute;
 left: 0;
 right: 0;
 top: 0;
 bottom: 0;
 display: flex;
 justify-content: center;
 align-items: center;
 line-height: 1;
 `,[R()]),F(`button`,`
 align-items: center; 
 top: var(--n-offset);
 left: var(--n-offset);
 height: var(--n-button-height);
 width: var(--n-button-width-pressed);
 max-width: var(--n-button-width);
 border-radius: var(--n-button-border-radius);
 background-color: var(--n-button-color);
 box-shadow: var(--n-button-box-shadow);
 box-sizing: border-box;
 cursor: inherit;
 content: "";
 position: absolute;
 transition:
 background-color .3s var(--n-bezier),
 left .3s var(--n-bezier),
 opacity .3s var(--n-bezier),
 max-width .3s var(--n-bezier),
 box-shadow .3s var(--n-bezier);
 `)]),E(`active`,[F(`rail`,`background-color: var(--n-rail-color-active);`)]),E(`loading`,[F(`rail`,`
 cursor: wait;
 `)]),E(`disabled`,[F(`rail`,`
 cursor: not-allowed;
 opacity: .5;
 `)])]),ue=[`aria-checked`,`tabindex`,`onClick`,`onFocus`,`onBlur`,`onKeyup`,`onKeydown`],de={...T.props,size:String,value:{type:[String,Number,Boolean],default:void 0},loading:Boolean,defaultValue:{type:[String,Number,Boolean],default:!1},disabled:{type:Boolean,default:void 0},round:{type:Boolean,default:!0},"onUpdate:value":[Function,Array],onUpdateValue:[Function,Array],checkedValue:{type:[String,Number,Boolean],default:!0},uncheckedValue:{type:[String,Number,Boolean],default:!1},railStyle:Function,rubberBand:{type:Boolean,default:!0},spinProps:Object,onChange:[Function,Array]},Q,fe=y({name:`Switch`,props:de,slots:Object,setup(e){Q===void 0&&(Q=typeof CSS<`u`?CSS.supports!==void 0&&CSS.supports(`width`,`max(1px)`):!0);let{mergedClsPrefixRef:t,inlineThemeDisabled:n,mergedComponentPropsRef:r}=ne(e),i=T(`Switch`,`-switch`,le,ce,e,t),o=te(e,{mergedSize(t){return e.size===void 0?t?t.mergedSize.value:r?.value?.Switch?.size||`medium`:e.size}}),{mergedSizeRef:s,mergedDisabledRef:c}=o,l=a(e.defaultValue),u=g(e,`value`),d=z(u,l),f=p(()=>d.value===e.checkedValue),m=a(!1),h=a(!1),_=p(()=>{let{railStyle:t}=e;if(t)return t({focused:h.value,checked:f.value})});function v(t){let{"onUpdate:value":n,onChange:r,onUpdateValue:i}=e,{nTriggerFormInput:a,nTriggerFormChange:s}=o;n&&S(n,t),i&&S(i,t),r&&S(r,t),l.value=t,a(),s()}function y(){let{nTriggerFormFocus:e}=o;e()}function b(){let{nTriggerFormBlur:e}=o;e()}function x(){e.loading||c.value||(d.value===e.checkedValue?v(e.uncheckedValue):v(e.checkedValue))}function C(){h.value=!0,y()}function w(){h.value=!1,b(),m.value=!1}function E(t){e.loading||c.value||t.key===` `&&(d.value===e.checkedValue?v(e.uncheckedValue):v(e.checkedValue),m.value=!1)}function D(t){e.loading||c.value||t.key===` `&&(t.preventDefault(),m.value=!0)}let O=p(()=>{let{value:e}=s,{self:{opacityDisabled:t,railColor:n,railColorActive:r,buttonBoxShadow:a,buttonColor:o,boxShadowFocus:c,loadingColor:l,textColor:u,iconColor:d,[A(`buttonHeight`,e)]:f,[A(`buttonWidth`,e)]:p,[A(`buttonWidthPressed`,e)]:m,[A(`railHeight`,e)]:h,[A(`railWidth`,e)]:g,[A(`railBorderRadius`,e)]:_,[A(`buttonBorderRadius`,e)]:v},common:{cubicBezierEaseInOut:y}}=i.value,b,x,S;return Q?(b=`calc((${h} - ${f}) / 2)`,x=`max(${h}, ${f})`,S=`max(${g}, calc(${g} + ${f} - ${h}))`):(b=V((B(h)-B(f))/2),x=V(Math.max(B(h),B(f))),S=B(h)>B(f)?g:V(B(g)+B(f)-B(h))),{"--n-bezier":y,"--n-button-border-radius":v,"--n-button-box-shadow":a,"--n-button-color":o,"--n-button-width":p,"--n-button-width-pressed":m,"--n-button-height":f,"--n-height":x,"--n-offset":b,"--n-opacity-disabled":t,"--n-rail-border-radius":_,"--n-rail-color":n,"--n-rail-color-active":r,"--n-rail-height":h,"--n-rail-width":g,"--n-width":S,"--n-box-shadow-focus":c,"--n-loading-color":l,"--n-text-color":u,"--n-icon-color":d}}),k=n?ee(`switch`,p(()=>s.value[0]),O,e):void 0;return{handleClick:x,handleBlur:w,handleFocus:C,handleKeyup:E,handleKeydown:D,mergedRailStyle:_,pressed:m,mergedClsPrefix:t,mergedValue:d,checked:f,mergedDisabled:c,cssVars:n?void 0:O,themeClass:k?.themeClass,onRender:k?.onRender}},render(){let{mergedClsPrefix:e,mergedDisabled:t,checked:i,mergedRailStyle:a,onRender:o,$slots:l}=this;o?.();let{checked:u,unchecked:d,icon:f,"checked-icon":p,"unchecked-icon":m}=l,g=!(x(f)&&x(p)&&x(m));return n(),h(`div`,{role:`switch`,"aria-checked":i,class:b([`${e}-switch`,this.themeClass,g&&`${e}-switch--icon`,i&&`${e}-switch--active`,t&&`${e}-switch--disabled`,this.round&&`${e}-switch--round`,this.loading&&`${e}-switch--loading`,this.pressed&&`${e}-switch--pressed`,this.rubberBand&&`${e}-switch--rubber-band`]),tabindex:this.mergedDisabled?void 0:0,style:s(this.cssVars),onClick:this.handleClick,onFocus:this.handleFocus,onBlur:this.handleBlur,onKeyup:this.handleKeyup,onKeydown:this.handleKeydown},[_(`div`,{class:b(`${e}-switch__rail`),"aria-hidden":`true`,style:s(a)},[j(()=>C(u,t=>C(d,r=>t||r?(n(),h(`div`,{key:4,"aria-hidden":!0,class:b(`${e}-switch__children-placeholder`)},[_(`div`,{class:b(`${e}-switch__rail-placeholder`)},[_(`div`,{class:b(`${e}-switch__button-placeholder`)},null,2),j(()=>t)],2),_(`div`,{class:b(`${e}-switch__rail-placeholder`)},[_(`div`,{class:b(`${e}-switch__button-placeholder`)},null,2),j(()=>r)],2)],2)):null))),_(`div`,{class:b(`${e}-switch__button`)},[j(()=>C(f,t=>C(p,i=>C(m,a=>(n(),c(P,null,{default:()=>this.loading?(n(),c(N,r({key:`loading`,clsPrefix:e,strokeWidth:20},this.spinProps),null,16,[`clsPrefix`])):this.checked&&(i||t)?(n(),h(`div`,{class:b(`${e}-switch__button-icon`),key:i?`checked-icon`:`icon`},[j(()=>i||t)],2)):!this.checked&&(a||t)?(n(),h(`div`,{class:b(`${e}-switch__button-icon`),key:a?`unchecked-icon`:`icon`},[j(()=>a||t)],2)):null},1024)))))),j(()=>C(u,t=>t&&(n(),h(`div`,{key:`checked`,class:b(`${e}-switch__checked`)},[j(()=>t)],2)))),j(()=>C(d,t=>t&&(n(),h(`div`,{key:`unchecked`,class:b(`${e}-switch__unchecked`)},[j(()=>t)],2))))],2)],6)],46,ue)}}),pe={class:`page env`},me={class:`layout`},he={class:`panel`},ge={class:`switch`},_e={class:`panel`},ve={key:1,class:`center`},ye={key:2,class:`muted`},$={key:3,class:`table`},be=[`data-env`],xe={class:`mono`},Se={class:`value`},Ce={key:0,class:`masked`,"data-test":`env-masked`},we={key:1,class:`mono`},Te={class:`hide-sm muted`},Ee={class:`actions-row`},De=Y(y({__name:`EnvView`,setup(r){let s=ie(),g=a([]),y=a(!1),b=a(``),x=i({name:``,value:``,secret:!1,error:``,busy:!1}),S=p(()=>/^[A-Z_][A-Z0-9_]*$/.test(x.name));async function C(){try{g.value=await W.env()??[],b.value=``}catch(e){b.value=G(e)}finally{y.value=!0}}async function w(){if(x.error=``,!S.value)return void(x.error=`Use upper-case letters, digits and _, not starting with a digit (e.g. API_KEY).`);x.busy=!0;try{await W.setEnv(x.name,x.value,x.secret),s.success(`${x.secret?`Secret`:`Variable`} ${x.name} set: functions see it from their next call`),x.name=``,x.value=``,x.secret=!1,await C()}catch(e){x.error=G(e)}finally{x.busy=!1}}function T(e){x.name=e.name,x.secret=e.secret,x.value=e.secret?``:e.value??``,x.error=``,document.getElementById(`env-value`)?.focus()}async function E(e){try{await W.deleteEnv(e.name),s.success(`Removed ${e.name}`),await C()}catch(t){s.error(`Could not remove ${e.name}: ${G(t)}`)}}return f(C),(r,i)=>(n(),h(`div`,pe,[i[12]||=_(`div`,{class:`page-head`},[_(`h1`,null,`Environment`)],-1),i[13]||=_(`p`,{class:`muted intro`},[u(` Functions read these as `),_(`code`,null,`process.env.NAME`),u(`; a change applies to the next call, without a deploy. Secrets are encrypted on the server and never shown again: you can replace or remove them, not read them. `)],-1),_(`div`,me,[_(`section`,he,[i[7]||=_(`h2`,null,`Set a variable`,-1),_(`form`,{class:`form`,onSubmit:M(w,[`prevent`])},[i[5]||=_(`label`,{for:`env-name`},`Name`,-1),o(m(q),{value:x.name,"onUpdate:value":i[0]||=e=>x.name=e,placeholder:`API_KEY`,"input-props":{id:`env-name`,autocomplete:`off`,spellcheck:!1}},null,8,[`value`]),i[6]||=_(`label`,{for:`env-value`},`Value`,-1),x.secret?(n(),c(m(q),{key:0,value:x.value,"onUpdate:value":i[1]||=e=>x.value=e,type:`password`,placeholder:`the secret (write-only)`,"input-props":{id:`env-value`,autocomplete:`off`}},null,8,[`value`])):(n(),c(m(q),{key:1,value:x.value,"onUpdate:value":i[2]||=e=>x.value=e,type:`textarea`,autosize:{minRows:1,maxRows:6},placeholder:`value`,"input-props":{id:`env-value`,spellcheck:!1}},null,8,[`value`])),_(`label`,ge,[o(m(fe),{value:x.secret,"onUpdate:value":i[3]||=e=>x.secret=e,"data-test":`env-secret`},null,8,[`value`]),i[4]||=u(` Secret (encrypted, write-only)`,-1)]),x.error?(n(),c(m(U),{key:2,type:`error`,"show-icon":!1,"data-test":`env-error`},{default:e(()=>[u(v(x.error),1)]),_:1})):l(``,!0),o(m(L),{type:`primary`,"attr-type":`submit`,loading:x.busy,"data-test":`env-save`},{icon:e(()=>[o(m(H),{component:m(J)},null,8,[`component`])]),default:e(()=>[u(` Set `+v(x.secret?`secret`:`variable`),1)]),_:1},8,[`loading`])],32)]),_(`section`,_e,[i[11]||=_(`h2`,null,`Variables and secrets`,-1),b.value?(n(),c(m(U),{key:0,type:`error`},{default:e(()=>[u(v(b.value),1)]),_:1})):l(``,!0),y.value?!g.value.length&&!b.value?(n(),h(`p`,ye,[...i[8]||=[u(`None yet. Set one on the left, or with `,-1),_(`code`,null,`tarsus env set NAME VALUE`,-1),u(`.`,-1)]])):(n(),h(`table`,$,[i[10]||=_(`thead`,null,[_(`tr`,null,[_(`th`,null,`Name`),_(`th`,null,`Value`),_(`th`,{class:`hide-sm`},`Updated`),_(`th`)])],-1),_(`tbody`,null,[(n(!0),h(d,null,t(g.value,t=>(n(),h(`tr`,{key:t.name,"data-env":t.name},[_(`td`,xe,[_(`b`,null,v(t.name),1)]),_(`td`,Se,[t.secret?(n(),h(`span`,Ce,`••••••••`)):(n(),h(`span`,we,v(t.value),1)),t.secret?(n(),c(m(K),{key:2,size:`small`,bordered:!1,type:`warning`},{default:e(()=>[...i[9]||=[u(`secret`,-1)]]),_:1})):l(``,!0)]),_(`td`,Te,v(m(oe)(t.updatedAt)),1),_(`td`,null,[_(`div`,Ee,[o(m(L),{size:`small`,quaternary:``,onClick:e=>T(t)},{default:e(()=>[u(v(t.secret?`Replace`:`Edit`),1)]),_:2},1032,[`onClick`]),o(m(Z),{"positive-text":`Remove`,"negative-text":`Cancel`,onPositiveClick:e=>E(t)},{trigger:e(()=>[o(m(L),{size:`small`,quaternary:``,type:`error`,"aria-label":`Remove ${t.name}`},{icon:e(()=>[o(m(H),{component:m(ae)},null,8,[`component`])]),_:1},8,[`aria-label`])]),default:e(()=>[u(` Remove `+v(t.name)+`? Functions no longer see it from their next call. `,1)]),_:2},1032,[`onPositiveClick`])])])],8,be))),128))])])):(n(),h(`div`,ve,[o(m(re))]))])])]))}}),[[`__scopeId`,`data-v-ef7f7633`]]);export{De as default};