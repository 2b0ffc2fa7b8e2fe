import ini from "ini";

export default () => [{}, async (request: any) => {
  const cfg = ini.parse("; comment\nscope = global\n[database]\nuser = dbuser\npassword = secret\n[paths.default]\ndatadir = /var/lib\narray[] = a\narray[] = b\n");
  return { cfg, out: ini.stringify({ section: { key: "value", n: 1 }, top: true }) };
}];
