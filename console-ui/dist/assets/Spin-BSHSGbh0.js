import{Dt as e,H as t,K as n,M as r,Nt as i,Ot as a,Rt as o,c as s,j as c,jt as l,s as u,z as d}from"./Button-BzKt0OIP.js";import{l as f}from"./index-CA0UUD1P.js";import{I as p,W as m,gt as h}from"./session-BmKuIacY.js";import{P as g,W as _,Z as v,_ as y,_t as b,d as x,l as S,p as C,u as w,y as T}from"./runtime-core.esm-bundler-DzW16IlU.js";var E=e([e(`@keyframes spin-rotate`,`
 from {
 transform: rotate(0);
 }
 to {
 transform: rotate(360deg);
 }
 `),a(`spin-container`,`
 position: relative;
 `,[a(`spin-body`,`
 position: absolute;
 top: 50%;
 left: 50%;
 transform: translateX(-50%) translateY(-50%);
 `,[p()])]),a(`spin-body`,`
 display: inline-flex;
 align-items: center;
 justify-content: center;
 flex-direction: column;
 `),a(`spin`,`
 display: inline-flex;
 height: var(--n-size);
 width: var(--n-size);
 font-size: var(--n-size);
 color: var(--n-color);
 `,[l(`rotate`,`
 animation: spin-rotate 2s linear infinite;
 `)]),a(`spin-description`,`
 display: inline-block;
 font-size: var(--n-font-size);
 color: var(--n-text-color);
 transition: color .3s var(--n-bezier);
 margin-top: 8px;
 `),a(`spin-content`,`
 opacity: 1;
 transition: opacity .3s var(--n-bezier);
 pointer-events: all;
 `,[l(`spinning`,`
 user-select: none;
 -webkit-user-select: none;
 pointer-events: none;
 opacity: var(--n-opacity-spinning);
 `)])]),D={small:20,medium:18,large:16},O={...c.props,contentClass:String,contentStyle:[Object,String],description:String,size:{type:[String,Number],default:`medium`},show:{type:Boolean,default:!0},rotate:{type:Boolean,default:!0},spinning:{type:Boolean,validator:()=>!0,default:void 0},delay:Number,...s,strokeWidth:Number},k=T({name:`Spin`,props:O,slots:Object,setup(e){let{mergedClsPrefixRef:t,inlineThemeDisabled:a}=n(e),o=c(`Spin`,`-spin`,E,f,e,t),s=S(()=>{let{size:t}=e,{common:{cubicBezierEaseInOut:n},self:r}=o.value,{opacitySpinning:a,color:s,textColor:c}=r;return{"--n-bezier":n,"--n-opacity-spinning":a,"--n-size":typeof t==`number`?h(t):r[i(`size`,t)],"--n-color":s,"--n-text-color":c}}),l=a?r(`spin`,S(()=>{let{size:t}=e;return typeof t==`number`?String(t):t[0]}),s,e):void 0,u=m(e,[`spinning`,`show`]),d=v(!1);return _(t=>{let n;if(u.value){let{delay:r}=e;if(r){n=window.setTimeout(()=>{d.value=!0},r),t(()=>{clearTimeout(n)});return}}d.value=u.value}),{mergedClsPrefix:t,active:d,mergedStrokeWidth:S(()=>{let{strokeWidth:t}=e;if(t!==void 0)return t;let{size:n}=e;return D[typeof n==`number`?`medium`:n]}),cssVars:a?void 0:s,themeClass:l?.themeClass,onRender:l?.onRender}},render(){let{$slots:e,mergedClsPrefix:n,description:r}=this,i=e.icon&&this.rotate,a=(r||e.description)&&(g(),C(`div`,{class:d(`${n}-spin-description`)},[t(()=>r||e.description?.())],2)),s=e.icon?(g(),C(`div`,{key:1,class:d([`${n}-spin-body`,this.themeClass])},[w(`div`,{class:d([`${n}-spin`,i&&`${n}-spin--rotate`]),style:b(e.default?``:this.cssVars)},[t(()=>e.icon())],6),t(()=>a)],2)):(g(),C(`div`,{key:2,class:d([`${n}-spin-body`,this.themeClass])},[(g(),x(u,{clsPrefix:n,style:b(e.default?``:this.cssVars),stroke:this.stroke,"stroke-width":this.mergedStrokeWidth,radius:this.radius,scale:this.scale,class:d(`${n}-spin`)},null,8,[`clsPrefix`,`style`,`stroke`,`stroke-width`,`radius`,`scale`,`class`])),t(()=>a)],2));return this.onRender?.(),e.default?(g(),C(`div`,{key:3,class:d([`${n}-spin-container`,this.themeClass]),style:b(this.cssVars)},[w(`div`,{class:d([`${n}-spin-content`,this.active&&`${n}-spin-content--spinning`,this.contentClass]),style:b(this.contentStyle)},[t(()=>e.default?.())],6),y(o,{name:`fade-in-transition`},{default:()=>this.active?s:null},1024)],6)):s}});export{k as t};