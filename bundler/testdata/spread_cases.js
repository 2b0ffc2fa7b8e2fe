function run() {
  const out = {};
  let calls = 0;
  const withGetter = { get g() { calls++; return "got"; }, a: 1 };
  const s = Symbol("s");
  const hidden = Symbol("hidden");
  const src = { [s]: "sym", b: 2, 1: "one", 0: "zero" };
  Object.defineProperty(src, hidden, { value: "no", enumerable: false });
  Object.defineProperty(src, "ne", { value: "no", enumerable: false });
  const proto = { inherited: true };
  const child = Object.create(proto); child.own = 1;
  const protoKey = JSON.parse('{"__proto__": {"polluted": 1}, "x": 1}');

  const o1 = { ...withGetter, a: 2 };
  out.getter = [o1.g, calls, Object.getOwnPropertyDescriptor(o1, "g").value];
  const o2 = { z: 0, ...src };
  out.keys = Object.keys(o2);
  out.sym = [o2[s], hidden in o2, "ne" in o2];
  out.nullish = { ...null, ...undefined, ...1, ...true };
  out.inherited = { ...child };
  out.string = { ..."ab" };
  out.array = { ...["x", , "z"] };
  const o3 = { ...protoKey };
  out.protoKey = [Object.getPrototypeOf(o3) === Object.prototype, Object.keys(o3), o3.polluted === undefined];
  const { a, ...rest } = { a: 1, b: 2, [s]: 3, c: 4 };
  out.rest = [a, Object.keys(rest), rest[s]];
  const { 0: first, ...restStr } = "xyz";
  out.restString = [first, restStr];
  out.override = { ...{ a: 1, b: 2 }, b: 3, ...{ c: 4 } };
  try { const { x, ...r } = null; out.restNull = r; } catch (e) { out.restNull = e.constructor.name; }
  return out;
}
