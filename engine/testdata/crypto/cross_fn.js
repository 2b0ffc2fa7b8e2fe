// The function's half of the cross check (crypto_test.go): M is what node
// made. Verifies node's signatures, JWTs and ciphertexts with node:crypto
// and with crypto.subtle (as jose does), and makes its own with the same
// keys for node to check.
const crypto = require('crypto');
const subtle = globalThis.crypto.subtle;
const keys = M.keys, msg = Buffer.from(M.msg);
// goja_nodejs's Buffer has no base64url encoding (see the README): the
// JWTs are encoded and decoded through base64.
const b64u = (b) => Buffer.from(b).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unb64u = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
const SIGS = [
  { key: 'rsa', hash: 'sha256', opts: {} },
  { key: 'rsa', hash: 'sha512', opts: { padding: 6, saltLength: -1 } },
  { key: 'rsa', hash: 'sha384', opts: { padding: 6, saltLength: 20 } },
  { key: 'p256', hash: 'sha256', opts: {} },
  { key: 'p256', hash: 'sha256', opts: { dsaEncoding: 'ieee-p1363' } },
  { key: 'p384', hash: 'sha384', opts: {} },
  { key: 'p521', hash: 'sha512', opts: { dsaEncoding: 'ieee-p1363' } },
  { key: 'ed25519', hash: null, opts: {} },
];
const JWT = {
  HS256: { hash: 'sha256', key: 'secret', web: { name: 'HMAC', hash: 'SHA-256' } },
  RS256: { hash: 'sha256', key: 'rsa', web: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } },
  PS256: { hash: 'sha256', key: 'rsa', pss: true, web: { name: 'RSA-PSS', hash: 'SHA-256' }, params: { saltLength: 32 } },
  ES256: { hash: 'sha256', key: 'p256', p1363: true, web: { name: 'ECDSA', namedCurve: 'P-256' }, params: { hash: 'SHA-256' } },
  ES384: { hash: 'sha384', key: 'p384', p1363: true, web: { name: 'ECDSA', namedCurve: 'P-384' }, params: { hash: 'SHA-384' } },
  ES512: { hash: 'sha512', key: 'p521', p1363: true, web: { name: 'ECDSA', namedCurve: 'P-521' }, params: { hash: 'SHA-512' } },
  EdDSA: { hash: null, key: 'ed25519', web: { name: 'Ed25519' } },
};
const result = { checks: {} };
const check = (name, v) => { result.checks[name] = v; };
// node:crypto verifies node's signatures, with PEM and JWK keys.
M.sigs.forEach((sig, i) => {
  const s = SIGS[i];
  for (const form of ['pem', 'jwk']) {
    const key = form === 'pem' ? crypto.createPublicKey(keys[s.key].publicPem) : crypto.createPublicKey({ key: keys[s.key].publicJwk, format: 'jwk' });
    const o = Object.assign({ key }, s.opts);
    if (o.padding === 6 && o.saltLength === 20) o.saltLength = -2;
    check(`sig ${i} ${s.key} ${form}`, crypto.verify(s.hash, msg, o, Buffer.from(sig, 'base64')));
  }
});
check('tampered sig refused', crypto.verify('sha256', Buffer.from('other'), keys.rsa.publicPem, Buffer.from(M.sigs[0], 'base64')) === false);
// JWTs, verified as jsonwebtoken does (node:crypto) and as jose does (crypto.subtle).
async function webKey(alg, usage) {
  const j = JWT[alg];
  if (alg === 'HS256') return subtle.importKey('raw', Buffer.from(keys.secret), j.web, false, [usage]);
  if (usage === 'verify') return subtle.importKey('jwk', keys[j.key].publicJwk, j.web, false, ['verify']);
  return subtle.importKey('jwk', keys[j.key].privateJwk, j.web, false, ['sign']);
}
for (const token of M.jwts) {
  const [h, p, s] = token.split('.');
  const alg = JSON.parse(unb64u(h).toString()).alg, j = JWT[alg];
  const input = h + '.' + p;
  let ok;
  if (alg === 'HS256') ok = crypto.timingSafeEqual(unb64u(s), crypto.createHmac('sha256', keys.secret).update(input).digest());
  else {
    const key = { key: crypto.createPublicKey(keys[j.key].publicPem) };
    if (j.pss) { key.padding = crypto.constants.RSA_PKCS1_PSS_PADDING; key.saltLength = crypto.constants.RSA_PSS_SALTLEN_AUTO; }
    if (j.p1363) key.dsaEncoding = 'ieee-p1363';
    ok = crypto.verify(j.hash, Buffer.from(input), key, unb64u(s));
  }
  check(`jwt ${alg} node:crypto`, ok);
  const wk = await webKey(alg, 'verify');
  check(`jwt ${alg} subtle`, await subtle.verify(Object.assign({}, j.web, j.params), wk, unb64u(s), new TextEncoder().encode(input)));
  check(`jwt ${alg} claims`, JSON.parse(unb64u(p).toString()).name === 'Tarsus');
}
// Node's ciphertexts.
const aesKey = Buffer.from(keys.secret, 'base64');
for (const c of M.ciphers) {
  const d = crypto.createDecipheriv(c.name, aesKey, Buffer.from(c.iv, 'base64'));
  if (c.tag) { d.setAAD(Buffer.from('header')); d.setAuthTag(Buffer.from(c.tag, 'base64')); }
  check(`decipher ${c.name}`, Buffer.concat([d.update(Buffer.from(c.ct, 'base64')), d.final()]).toString() === M.msg);
}
const gcm = M.ciphers[0];
const wkey = await subtle.importKey('raw', aesKey, 'AES-GCM', false, ['decrypt']);
const both = Buffer.concat([Buffer.from(gcm.ct, 'base64'), Buffer.from(gcm.tag, 'base64')]);
check('subtle AES-GCM decrypt', Buffer.from(await subtle.decrypt({ name: 'AES-GCM', iv: Buffer.from(gcm.iv, 'base64'), additionalData: Buffer.from('header') }, wkey, both)).toString() === M.msg);
check('oaep', crypto.privateDecrypt({ key: keys.rsa.privatePem, oaepHash: 'sha256' }, Buffer.from(M.oaep, 'base64')).toString() === M.msg);
const oaepKey = await subtle.importKey('jwk', keys.rsa.privateJwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']);
check('subtle oaep', Buffer.from(await subtle.decrypt({ name: 'RSA-OAEP' }, oaepKey, Buffer.from(M.oaep, 'base64'))).toString() === M.msg);
// Other private key encodings read the same key.
check('pkcs1 = pkcs8', crypto.createPrivateKey(keys.rsa.pkcs1).equals(crypto.createPrivateKey(keys.rsa.privatePem)));
check('sec1 = pkcs8', crypto.createPrivateKey(keys.p256.sec1).equals(crypto.createPrivateKey(keys.p256.privatePem)));
check('pkcs1 export', crypto.createPrivateKey(keys.rsa.privatePem).export({ type: 'pkcs1', format: 'pem' }) === keys.rsa.pkcs1);
check('spki export', crypto.createPublicKey(keys.p384.publicPem).export({ type: 'spki', format: 'der' }).toString('base64') === keys.p384.spki);
check('jwk export', JSON.stringify(crypto.createPrivateKey(keys.p521.privatePem).export({ format: 'jwk' })) === JSON.stringify(keys.p521.privateJwk));
check('rsa jwk export', JSON.stringify(crypto.createPrivateKey(keys.rsa.privatePem).export({ format: 'jwk' })) === JSON.stringify(keys.rsa.privateJwk));
// What the function makes for node to check.
result.sigs = SIGS.map((s) => crypto.sign(s.hash, msg, Object.assign({ key: crypto.createPrivateKey(keys[s.key].privatePem) }, s.opts)).toString('base64'));
result.jwts = Object.keys(JWT).map((alg) => {
  const j = JWT[alg], input = b64u(JSON.stringify({ alg, typ: 'JWT' })) + '.' + b64u(JSON.stringify(M.claims));
  if (alg === 'HS256') return input + '.' + crypto.createHmac('sha256', keys.secret).update(input).digest('base64url');
  const key = { key: crypto.createPrivateKey({ key: keys[j.key].privateJwk, format: 'jwk' }) };
  if (j.pss) { key.padding = 6; key.saltLength = -1; }
  if (j.p1363) key.dsaEncoding = 'ieee-p1363';
  return input + '.' + b64u(crypto.sign(j.hash, Buffer.from(input), key));
});
result.subtleJwts = [];
for (const alg of Object.keys(JWT)) {
  const j = JWT[alg], input = b64u(JSON.stringify({ alg, typ: 'JWT' })) + '.' + b64u(JSON.stringify(M.claims));
  const sig = await subtle.sign(Object.assign({}, j.web, j.params), await webKey(alg, 'sign'), new TextEncoder().encode(input));
  result.subtleJwts.push(input + '.' + b64u(new Uint8Array(sig)));
}
result.ciphers = ['aes-256-gcm', 'aes-256-cbc', 'aes-256-ctr'].map((name) => {
  const iv = crypto.randomBytes(name.endsWith('gcm') ? 12 : 16);
  const c = crypto.createCipheriv(name, aesKey, iv);
  if (name.endsWith('gcm')) c.setAAD(Buffer.from('header'));
  const ct = Buffer.concat([c.update(msg), c.final()]);
  return { name, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: name.endsWith('gcm') ? c.getAuthTag().toString('base64') : undefined };
});
result.oaep = crypto.publicEncrypt({ key: keys.rsa.publicPem, oaepHash: 'sha256' }, msg).toString('base64');
return result;
