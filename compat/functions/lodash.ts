import _ from "lodash";

export default () => [{}, async (request: any) => {
  const users = [{ user: "barney", age: 36, active: true }, { user: "fred", age: 40, active: false }, { user: "pebbles", age: 1, active: true }];
  return { sorted: _.sortBy(users, ["age"]).map((u) => u.user), grouped: _.groupBy(users, "active"), chunk: _.chunk([1, 2, 3, 4, 5], 2), merged: _.merge({ a: [{ b: 2 }] }, { a: [{ c: 3 }] }), picked: _.pick(users[0], ["user"]), tpl: _.template("hi <%= name %>!")({ name: "ada" }), kebab: _.kebabCase("Foo Bar_baz"), deep: _.isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), get: _.get({ a: { b: [{ c: 5 }] } }, "a.b[0].c"), debounced: typeof _.debounce(() => 1, 10), uniq: _.uniqBy([2.1, 1.2, 2.3], Math.floor) };
}];
