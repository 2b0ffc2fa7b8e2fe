import jwt from "jsonwebtoken";

export default () => [{}, async (request: any) => {
  const token = jwt.sign({ sub: "user-1", role: "admin", iat: 1700000000 }, "s3cret", { algorithm: "HS256", expiresIn: 3600 });
  const decoded = jwt.verify(token, "s3cret", { clockTimestamp: 1700000100 }) as any;
  let bad = "";
  try { jwt.verify(token, "wrong", { clockTimestamp: 1700000100 }); } catch (e: any) { bad = e.name + ": " + e.message; }
  let expired = "";
  try { jwt.verify(token, "s3cret", { clockTimestamp: 1800000000 }); } catch (e: any) { expired = e.name; }
  return { token, decoded, bad, expired, header: jwt.decode(token, { complete: true })!.header };
}];
