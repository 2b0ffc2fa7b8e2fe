import ms from "ms";

export default () => [{}, async (request: any) => {
  return { a: ms("2 days"), b: ms("1.5h"), c: ms(60000), d: ms(2 * 60 * 60 * 1000, { long: true }), e: ms("-100ms"), f: ms("nonsense") ?? null };
}];
