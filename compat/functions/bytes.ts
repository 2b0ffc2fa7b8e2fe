import bytes from "bytes";

export default () => [{}, async (request: any) => {
  return { a: bytes(1024), b: bytes(1536, { decimalPlaces: 1 }), c: bytes("1.5MB"), d: bytes(1099511627776), e: bytes.parse("10kb"), f: bytes(1000, { thousandsSeparator: " ", unit: "B" }) };
}];
