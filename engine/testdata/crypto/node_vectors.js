// Runs node-vectors.json (V) through node:crypto; the same file runs under
// node and in a function, and reports every check that failed.
const crypto = require('crypto');
const fails = [];
let checks = 0;
const check = (name, got, want) => { checks++; if (got !== want) fails.push(`${name}: got ${got}, want ${want}`); };
const throws = (name, f, msg) => {
  checks++;
  try { f(); fails.push(`${name}: did not throw`); } catch (e) { if (!String(e.message).includes(msg)) fails.push(`${name}: threw ${e.message}`); }
};
V.hash.forEach((c, i) => check(`hash ${i} ${c.alg}`, crypto.createHash(c.alg).update(c.data).digest(c.enc), c.want));
V.hash.forEach((c, i) => check(`hash ${i} ${c.alg} one shot`, crypto.hash(c.alg, c.data, c.enc), c.want));
V.hmac.forEach((c, i) => {
  const h = crypto.createHmac(c.hash, c.key);
  c.data.forEach((d) => h.update(d));
  check(`hmac ${i} ${c.hash}`, h.digest('hex'), c.want);
});
V.rfc4231.forEach((c, i) => {
  for (const hash in c.hmac) {
    let got = crypto.createHmac(hash, Buffer.from(c.key, 'hex')).update(Buffer.from(c.data, 'hex')).digest('hex');
    if (c.truncate) got = got.slice(0, 32);
    check(`rfc4231 ${i} ${hash}`, got, c.hmac[hash]);
  }
});
V.rfc2202.forEach((c, i) => {
  const key = c.keyHex ? Buffer.from(c.key, 'hex') : c.key;
  const data = c.dataHex ? Buffer.from(c.data, 'hex') : c.data;
  check(`rfc2202 ${i} ${c.hash}`, crypto.createHmac(c.hash, key).update(data).digest('hex'), c.want);
});
V.gcm.forEach((c, i) => {
  const name = `gcm ${i} ${c.algo}`;
  const key = Buffer.from(c.key, 'hex'), iv = Buffer.from(c.iv, 'hex');
  const opts = { authTagLength: c.tag.length / 2 };
  const inEnc = c.plainIsHex ? 'hex' : 'latin1';
  if (!c.tampered) {
    const enc = crypto.createCipheriv(c.algo, key, iv, opts);
    if (c.aad) enc.setAAD(Buffer.from(c.aad, 'hex'));
    check(name + ' ct', enc.update(c.plain, inEnc, 'hex') + enc.final('hex'), c.ct.toLowerCase());
    check(name + ' tag', enc.getAuthTag().toString('hex'), c.tag);
  }
  const dec = crypto.createDecipheriv(c.algo, key, iv, opts);
  dec.setAuthTag(Buffer.from(c.tag, 'hex'));
  if (c.aad) dec.setAAD(Buffer.from(c.aad, 'hex'));
  const plain = dec.update(c.ct, 'hex', inEnc);
  if (c.tampered) {
    throws(name + ' tampered', () => dec.final(inEnc), 'Unsupported state or unable to authenticate data');
  } else {
    check(name + ' plain', plain + dec.final(inEnc), c.plainIsHex ? c.plain.toLowerCase() : c.plain);
  }
});
return { checks, fails };
