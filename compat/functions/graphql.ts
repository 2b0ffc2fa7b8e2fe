import { graphql, buildSchema, parse, print } from "graphql";

export default () => [{}, async (request: any) => {
  const schema = buildSchema("type Query { hello(name: String): String, users: [User] } type User { id: ID!, name: String, friends: [User] }");
  const users = [{ id: "1", name: "Ada", friends: [] as any[] }, { id: "2", name: "Bob", friends: [] as any[] }];
  users[0].friends.push(users[1]);
  const rootValue = { hello: ({ name }: any) => "Hello " + (name ?? "world"), users: () => users };
  const ok = await graphql({ schema, source: "{ hello(name: \"Tarsus\") users { id name friends { name } } }", rootValue });
  const bad = await graphql({ schema, source: "{ nope }", rootValue });
  return { ok, errors: bad.errors!.map((e) => e.message), printed: print(parse("query Q($a: Int) { x(a: $a) { y } }")) };
}];
