import currency from "currency.js";

export default () => [{}, async (request: any) => {
  const total = currency(12.99).add(0.01).multiply(3).subtract(1.5);
  return { total: total.format(), value: total.value, split: currency(100).distribute(3).map((c: any) => c.value), euro: currency("1.234,56", { separator: ".", decimal: ",", symbol: "€" }).format(), cents: currency(1.23).intValue };
}];
