import{B as e,M as t,Mt as n,N as r,Ot as i,Pt as a,U as o,c as s,kt as c,l,q as u,zt as d}from"./Button-C0If5IAl.js";import{d as f}from"./index-HMBSlYYy.js";import{H as p,P as m,dt as h}from"./session-BM4dH_zM.js";import{P as g,W as _,Z as v,_ as y,_t as b,d as x,l as S,p as C,u as w,y as T}from"./runtime-core.esm-bundler-DzW16IlU.js";var E=i([i(`@keyframes spin-rotate`,`
 from {
 transform: rotate(0);
 }
 to {
 transform: rotate(360deg);
 }
 `),c(`spin-container`,`
 position: relative;
 `,[c(`spin-body`,`
 position: absolute;
 top: 50%;
 left: 50%;
 transform: translateX(-50%) translateY(-50%);
 `,[m()])]),c(`spin-body`,`
 display: inline-flex;
 align-items: center;
 justify-content: center;
 flex-direction: column;
 `),c(`spin`,`
 display: inline-flex;
 height: var(--n-size);
 width: var(--n-size);
 font-size: var(--n-size);
 color: var(--n-color);
 `,[n(`rotate`,`
 animation: spin-rotate 2s linear infinite;
 `)]),c(`spin-description`,`
 display: inline-block;
 font-size: var(--n-font-size);
 color: var(--n-text-color);
 transition: color .3s var(--n-bezier);
 margin-top: 8px;
 `),c(`spin-content`,`
 opacity: 1;
 transition: opacity .3s var(--n-bezier);
 pointer-events: all;
 `,[n(`spinning`,`
 user-select: none;
 -webkit-user-select: none;
 pointer-events: none;
 opacity: var(--n-opacity-spinning);
 `)])]),D={small:20,medium:18,large:16},O={...t.props,contentClass:String,contentStyle:[Object,String],description:String,size:{type:[String,Number],default:`medium`},show:{type:Boolean,default:!0},rotate:{type:Boolean,default:!0},spinning:{type:Boolean,validator:()=>!0,default:void 0},delay:Number,...l,strokeWidth:Number},k=T({name:`Spin`,props:O,slots:Object,setup(e){let{mergedClsPrefixRef:n,inlineThemeDisabled:i}=u(e),o=t(`Spin`,`-spin`,E,f,e,n),s=S(()=>{let{size:t}=e,{common:{cubicBezierEaseInOut:n},self:r}=o.value,{opacitySpinning:i,color:s,textColor:c}=r;return{"--n-bezier":n,"--n-opacity-spinning":i,"--n-size":typeof t==`number`?h(t):r[a(`size`,t)],"--n-color":s,"--n-text-color":c}}),c=i?r(`spin`,S(()=>{let{size:t}=e;return typeof t==`number`?String(t):t[0]}),s,e):void 0,l=p(e,[`spinning`,`show`]),d=v(!1);return _(t=>{let n;if(l.value){let{delay:r}=e;if(r){n=window.setTimeout(()=>{d.value=!0},r),t(()=>{clearTimeout(n)});return}}d.value=l.value}),{mergedClsPrefix:n,active:d,mergedStrokeWidth:S(()=>{let{strokeWidth:t}=e;if(t!==void 0)return t;let{size:n}=e;return D[typeof n==`number`?`medium`:n]}),cssVars:i?void 0:s,themeClass:c?.themeClass,onRender:c?.onRender}},render(){let{$slots:t,mergedClsPrefix:n,description:r}=this,i=t.icon&&this.rotate,a=(r||t.description)&&(g(),C(`div`,{class:e(`${n}-spin-description`)},[o(()=>r||t.description?.())],2)),c=t.icon?(g(),C(`div`,{key:1,class:e([`${n}-spin-body`,this.themeClass])},[w(`div`,{class:e([`${n}-spin`,i&&`${n}-spin--rotate`]),style:b(t.default?``:this.cssVars)},[o(()=>t.icon())],6),o(()=>a)],2)):(g(),C(`div`,{key:2,class:e([`${n}-spin-body`,this.themeClass])},[(g(),x(s,{clsPrefix:n,style:b(t.default?``:this.cssVars),stroke:this.stroke,"stroke-width":this.mergedStrokeWidth,radius:this.radius,scale:this.scale,class:e(`${n}-spin`)},null,8,[`clsPrefix`,`style`,`stroke`,`stroke-width`,`radius`,`scale`,`class`])),o(()=>a)],2));return this.onRender?.(),t.default?(g(),C(`div`,{key:3,class:e([`${n}-spin-container`,this.themeClass]),style:b(this.cssVars)},[w(`div`,{class:e([`${n}-spin-content`,this.active&&`${n}-spin-content--spinning`,this.contentClass]),style:b(this.contentStyle)},[o(()=>t.default?.())],6),y(d,{name:`fade-in-transition`},{default:()=>this.active?c:null},1024)],6)):c}});export{k as t};