import{u as e,y as t}from"./runtime-core.esm-bundler-DzW16IlU.js";import{z as n}from"./Button-C0If5IAl.js";var r=t({name:`Add`,render(){return(()=>{let t=n(`b30130fbba5c5b23`);return t[0]||=e(`svg`,{width:`512`,height:`512`,viewBox:`0 0 512 512`,fill:`none`,xmlns:`http://www.w3.org/2000/svg`},[e(`path`,{d:`M256 112V400M400 256H112`,stroke:`currentColor`,"stroke-width":`32`,"stroke-linecap":`round`,"stroke-linejoin":`round`})],-1)})()}}),i=t({name:`Remove`,render(){return(()=>{let t=n(`a77472467b8adb0a`);return t[0]||=e(`svg`,{xmlns:`http://www.w3.org/2000/svg`,viewBox:`0 0 512 512`},[e(`line`,{x1:`400`,y1:`256`,x2:`112`,y2:`256`,style:`
        fill: none;
        stroke: currentColor;
        stroke-linecap: round;
        stroke-linejoin: round;
        stroke-width: 32px;
      `})],-1)})()}});export{r as n,i as t};