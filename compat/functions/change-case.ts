import { camelCase, snakeCase, kebabCase, pascalCase, constantCase, capitalCase, dotCase, sentenceCase } from "change-case";

export default () => [{}, async (request: any) => {
  const s = "hello_World-fooBar 42things";
  return { camel: camelCase(s), snake: snakeCase(s), kebab: kebabCase(s), pascal: pascalCase(s), constant: constantCase(s), capital: capitalCase(s), dot: dotCase(s), sentence: sentenceCase(s) };
}];
