import slugify from "slugify";

export default () => [{}, async (request: any) => {
  return { a: slugify("Hello World & Friends!"), b: slugify("Crème brûlée à la mode", { lower: true, strict: true }), c: slugify("über_cool  stuff", { replacement: "_", lower: true }), d: slugify("I ♥ Unicode") };
}];
