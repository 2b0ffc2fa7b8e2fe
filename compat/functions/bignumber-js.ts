import BigNumber from "bignumber.js";

export default () => [{}, async (request: any) => {
  const x = new BigNumber("123.456789");
  return { sum: new BigNumber(0.1).plus(0.2).toString(), pow: new BigNumber(2).pow(100).toFixed(), fmt: new BigNumber("1234567.891").toFormat(2), dp: x.decimalPlaces(2, BigNumber.ROUND_DOWN).toString(), base: new BigNumber(255).toString(16), sqrt: new BigNumber(2).sqrt().toString(), div: new BigNumber(1).div(7).toString() };
}];
