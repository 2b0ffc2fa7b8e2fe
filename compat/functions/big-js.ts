import Big from "big.js";

export default () => [{}, async (request: any) => {
  return { sum: new Big("0.1").plus("0.2").toString(), mul: new Big("123456789.123456789").times("987654321.987654321").toString(), div: new Big(2).div(3).toFixed(20), round: new Big("1.005").round(2).toString(), sqrt: new Big(2).sqrt().toString(), cmp: new Big(1).cmp(2) };
}];
