import chroma from "chroma-js";

export default () => [{}, async (request: any) => {
  return { hex: chroma("hotpink").darken().hex(), mix: chroma.mix("red", "blue", 0.5, "lab").hex(), scale: chroma.scale(["yellow", "008ae5"]).mode("lch").colors(4), contrast: Math.round(chroma.contrast("pink", "hotpink") * 1000) / 1000, rgb: chroma("#ff8800").rgb(), hsl: chroma("teal").hsl().map((n: number) => (Number.isNaN(n) ? null : Math.round(n * 1000) / 1000)), lum: Math.round(chroma("white").luminance() * 100) };
}];
