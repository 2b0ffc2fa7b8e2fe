import { produce, enablePatches, produceWithPatches } from "immer";
enablePatches();

export default () => [{}, async (request: any) => {
  const base = { todos: [{ title: "a", done: false }, { title: "b", done: false }], meta: { n: 2 } };
  const next = produce(base, (d) => { d.todos[0].done = true; d.todos.push({ title: "c", done: false }); d.meta.n = 3; });
  const [, patches] = produceWithPatches(base, (d) => { d.meta.n = 9; });
  return { next, base, sharedUnchanged: next.todos[1] === base.todos[1], frozen: Object.isFrozen(next), patches };
}];
