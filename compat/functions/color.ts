import Color from "color";

export default () => [{}, async (request: any) => {
  const c = Color("#7743CE");
  return { rgb: c.rgb().string(), hsl: c.hsl().string(), lighten: c.lighten(0.5).hex(), negate: c.negate().hex(), alpha: c.alpha(0.5).rgb().string(), mix: Color("red").mix(Color("blue"), 0.25).hex(), dark: c.isDark(), lum: Math.round(c.luminosity() * 1e6) / 1e6 };
}];
