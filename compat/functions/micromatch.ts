import micromatch from "micromatch";

export default () => [{}, async (request: any) => {
  const files = ["a.js", "b.md", "src/c.ts", "src/d.test.ts", "lib/e.js", ".hidden.js"];
  return { js: micromatch(files, "**/*.js"), notTest: micromatch(files, ["src/**", "!**/*.test.*"]), isMatch: micromatch.isMatch("foo.bar", "*.bar"), braces: micromatch.braces("a/{b,c}/d", { expand: true }), capture: micromatch.capture("test/*.js", "test/foo.js") };
}];
