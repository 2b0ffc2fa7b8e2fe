import pluralize from "pluralize";

export default () => [{}, async (request: any) => {
  return { words: ["person", "child", "octopus", "sheep", "status", "index", "house"].map((w) => pluralize(w)), singular: pluralize.singular("geese"), count: pluralize("apple", 3, true), isPlural: pluralize.isPlural("mice") };
}];
