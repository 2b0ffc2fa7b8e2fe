import numeral from "numeral";

export default () => [{}, async (request: any) => {
  return { a: numeral(1234567.891).format("0,0.00"), b: numeral(0.974878234).format("0.000%"), c: numeral(1024 * 1024).format("0.0 b"), d: numeral(-1234).format("($0,0)"), e: numeral("1.2k").value(), f: numeral(1230974).format("0.0a"), g: numeral(2).format("0o") };
}];
