import { minimatch, Minimatch } from "minimatch";

export default () => [{}, async (request: any) => {
  const files = ["src/a.ts", "src/b/c.ts", "src/b/c.test.ts", "README.md", ".env", "lib/x.js"];
  return { ts: files.filter((f) => minimatch(f, "src/**/*.ts") && !minimatch(f, "**/*.test.ts")), dot: minimatch(".env", "*"), dotOpt: minimatch(".env", "*", { dot: true }), brace: files.filter((f) => minimatch(f, "{lib,src}/*.{js,ts}")), re: new Minimatch("*.md").set.length, escaped: minimatch.escape ? minimatch.escape("a*b") : null };
}];
