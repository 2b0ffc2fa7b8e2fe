import{At as e,Dt as t,H as n,K as r,Mt as i,Ot as a,U as o,b as s,jt as c,n as l,z as u}from"./Button-BzKt0OIP.js";import{F as d,P as f,p,y as m}from"./runtime-core.esm-bundler-DzW16IlU.js";var h=`0!important`,g=`-1px!important`;function _(n){return c(`${n}-type`,[t(`& +`,[a(`button`,{},[c(`${n}-type`,[e(`border`,{borderLeftWidth:h}),e(`state-border`,{left:g})])])])])}function v(n){return c(`${n}-type`,[t(`& +`,[a(`button`,[c(`${n}-type`,[e(`border`,{borderTopWidth:h}),e(`state-border`,{top:g})])])])])}var y=a(`button-group`,`
 flex-wrap: nowrap;
 display: inline-flex;
 position: relative;
`,[i(`vertical`,{flexDirection:`row`},[i(`rtl`,[a(`button`,[t(`&:first-child:not(:last-child)`,`
 margin-right: ${h};
 border-top-right-radius: ${h};
 border-bottom-right-radius: ${h};
 `),t(`&:last-child:not(:first-child)`,`
 margin-left: ${h};
 border-top-left-radius: ${h};
 border-bottom-left-radius: ${h};
 `),t(`&:not(:first-child):not(:last-child)`,`
 margin-left: ${h};
 margin-right: ${h};
 border-radius: ${h};
 `),_(`default`),c(`ghost`,[_(`primary`),_(`info`),_(`success`),_(`warning`),_(`error`)])])])]),c(`vertical`,{flexDirection:`column`},[a(`button`,[t(`&:first-child:not(:last-child)`,`
 margin-bottom: ${h};
 margin-left: ${h};
 margin-right: ${h};
 border-bottom-left-radius: ${h};
 border-bottom-right-radius: ${h};
 `),t(`&:last-child:not(:first-child)`,`
 margin-top: ${h};
 margin-left: ${h};
 margin-right: ${h};
 border-top-left-radius: ${h};
 border-top-right-radius: ${h};
 `),t(`&:not(:first-child):not(:last-child)`,`
 margin: ${h};
 border-radius: ${h};
 `),v(`default`),c(`ghost`,[v(`primary`),v(`info`),v(`success`),v(`warning`),v(`error`)])])])]),b=m({name:`ButtonGroup`,props:{size:String,vertical:Boolean},setup(e){let{mergedClsPrefixRef:t,mergedRtlRef:n}=r(e);return o(`-button-group`,y,t),d(l,e),{rtlEnabled:s(`ButtonGroup`,n,t),mergedClsPrefix:t}},render(){let{mergedClsPrefix:e}=this;return f(),p(`div`,{class:u([`${e}-button-group`,this.rtlEnabled&&`${e}-button-group--rtl`,this.vertical&&`${e}-button-group--vertical`]),role:`group`},[n(()=>this.$slots.default?.())],2)}});export{b as t};