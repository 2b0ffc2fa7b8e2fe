import { diffWords, diffLines, createTwoFilesPatch, applyPatch } from "diff";

export default () => [{}, async (request: any) => {
  const a = "line one\nline two\nline three\n", b = "line one\nline 2\nline three\nline four\n";
  const patch = createTwoFilesPatch("a.txt", "b.txt", a, b, "", "", { context: 1 });
  return { words: diffWords("The quick brown fox", "The slow brown dog").map((p) => [p.added ? "+" : p.removed ? "-" : "=", p.value]), lines: diffLines(a, b).length, patch, applied: applyPatch(a, patch) === b };
}];
