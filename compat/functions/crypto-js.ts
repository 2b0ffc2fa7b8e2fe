import CryptoJS from "crypto-js";

export default () => [{}, async (request: any) => {
  const key = CryptoJS.enc.Hex.parse("000102030405060708090a0b0c0d0e0f");
  const iv = CryptoJS.enc.Hex.parse("0f0e0d0c0b0a09080706050403020100");
  const enc = CryptoJS.AES.encrypt("attack at dawn", key, { iv }).toString();
  const dec = CryptoJS.AES.decrypt(enc, key, { iv }).toString(CryptoJS.enc.Utf8);
  return { md5: CryptoJS.MD5("abc").toString(), sha1: CryptoJS.SHA1("abc").toString(), sha256: CryptoJS.SHA256("abc").toString(), sha512: CryptoJS.SHA512("abc").toString().slice(0, 32), hmac: CryptoJS.HmacSHA256("msg", "key").toString(CryptoJS.enc.Base64), enc, dec, pbkdf2: CryptoJS.PBKDF2("pw", "salt", { keySize: 4, iterations: 10 }).toString() };
}];
