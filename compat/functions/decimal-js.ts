import Decimal from "decimal.js";

export default () => [{}, async (request: any) => {
  const a = new Decimal("0.1"), b = new Decimal("0.2");
  return { sum: a.plus(b).toString(), div: new Decimal(1).div(3).toFixed(30), sqrt2: new Decimal(2).sqrt().toSignificantDigits(40).toString(), pow: new Decimal("1.0001").pow(10000).toFixed(20), exp: Decimal.exp(1).toPrecision(25), cmp: a.plus(b).eq(0.3), hex: new Decimal(255.5).toHexadecimal() };
}];
