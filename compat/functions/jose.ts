import { SignJWT, jwtVerify, decodeProtectedHeader, base64url } from "jose";

export default () => [{}, async (request: any) => {
  const key = new TextEncoder().encode("a-string-secret-at-least-256-bits-long");
  const token = await new SignJWT({ sub: "user-1", scope: "read" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt(1700000000).setExpirationTime(1700003600).setIssuer("tarsus").sign(key);
  const { payload, protectedHeader } = await jwtVerify(token, key, { issuer: "tarsus", currentDate: new Date(1700000100 * 1000) });
  let bad = "";
  try { await jwtVerify(token, new TextEncoder().encode("another-secret-that-is-long-enough!!"), { currentDate: new Date(1700000100 * 1000) }); } catch (e: any) { bad = e.code; }
  return { token, payload, protectedHeader, bad, header: decodeProtectedHeader(token), b64: base64url.encode("hello") };
}];
