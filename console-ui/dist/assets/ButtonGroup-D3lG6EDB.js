import{B as e,Mt as t,Nt as n,Ot as r,U as i,W as a,jt as o,kt as s,q as c,r as l,x as u}from"./Button-C0If5IAl.js";import{F as d,P as f,p,y as m}from"./runtime-core.esm-bundler-DzW16IlU.js";var h=`0!important`,g=`-1px!important`;function _(e){return t(`${e}-type`,[r(`& +`,[s(`button`,{},[t(`${e}-type`,[o(`border`,{borderLeftWidth:h}),o(`state-border`,{left:g})])])])])}function v(e){return t(`${e}-type`,[r(`& +`,[s(`button`,[t(`${e}-type`,[o(`border`,{borderTopWidth:h}),o(`state-border`,{top:g})])])])])}var y=s(`button-group`,`
 flex-wrap: nowrap;
 display: inline-flex;
 position: relative;
`,[n(`vertical`,{flexDirection:`row`},[n(`rtl`,[s(`button`,[r(`&:first-child:not(:last-child)`,`
 margin-right: ${h};
 border-top-right-radius: ${h};
 border-bottom-right-radius: ${h};
 `),r(`&:last-child:not(:first-child)`,`
 margin-left: ${h};
 border-top-left-radius: ${h};
 border-bottom-left-radius: ${h};
 `),r(`&:not(:first-child):not(:last-child)`,`
 margin-left: ${h};
 margin-right: ${h};
 border-radius: ${h};
 `),_(`default`),t(`ghost`,[_(`primary`),_(`info`),_(`success`),_(`warning`),_(`error`)])])])]),t(`vertical`,{flexDirection:`column`},[s(`button`,[r(`&:first-child:not(:last-child)`,`
 margin-bottom: ${h};
 margin-left: ${h};
 margin-right: ${h};
 border-bottom-left-radius: ${h};
 border-bottom-right-radius: ${h};
 `),r(`&:last-child:not(:first-child)`,`
 margin-top: ${h};
 margin-left: ${h};
 margin-right: ${h};
 border-top-left-radius: ${h};
 border-top-right-radius: ${h};
 `),r(`&:not(:first-child):not(:last-child)`,`
 margin: ${h};
 border-radius: ${h};
 `),v(`default`),t(`ghost`,[v(`primary`),v(`info`),v(`success`),v(`warning`),v(`error`)])])])]),b=m({name:`ButtonGroup`,props:{size:String,vertical:Boolean},setup(e){let{mergedClsPrefixRef:t,mergedRtlRef:n}=c(e);return a(`-button-group`,y,t),d(l,e),{rtlEnabled:u(`ButtonGroup`,n,t),mergedClsPrefix:t}},render(){let{mergedClsPrefix:t}=this;return f(),p(`div`,{class:e([`${t}-button-group`,this.rtlEnabled&&`${t}-button-group--rtl`,this.vertical&&`${t}-button-group--vertical`]),role:`group`},[i(()=>this.$slots.default?.())],2)}});export{b as t};