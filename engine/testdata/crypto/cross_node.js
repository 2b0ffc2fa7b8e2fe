// Node's half of the cross check (crypto_test.go): "make" generates keys
// and signs, encrypts and issues JWTs with them; "check" verifies and
// decrypts what the function made with the same keys. Prints JSON.
const crypto = require('crypto');
const fs = require('fs');
const b64u = (b) => Buffer.from(b).toString('base64url');
const msg = Buffer.from('The quick brown fox jumps over the lazy dog');
const jwtParts = (alg, claims) => b64u(JSON.stringify({ alg, typ: 'JWT' })) + '.' + b64u(JSON.stringify(claims));
const JWT = {
  HS256: { hash: 'sha256', key: 'secret' },
  RS256: { hash: 'sha256', key: 'rsa' },
  PS256: { hash: 'sha256', key: 'rsa', pss: true },
  ES256: { hash: 'sha256', key: 'p256', p1363: true },
  ES384: { hash: 'sha384', key: 'p384', p1363: true },
  ES512: { hash: 'sha512', key: 'p521', p1363: true },
  EdDSA: { hash: null, key: 'ed25519' },
};
function signJWT(alg, keys, claims) {
  const j = JWT[alg], input = jwtParts(alg, claims);
  if (alg === 'HS256') return input + '.' + crypto.createHmac('sha256', keys.secret).update(input).digest('base64url');
  const key = { key: crypto.createPrivateKey(keys[j.key].privatePem) };
  if (j.pss) { key.padding = crypto.constants.RSA_PKCS1_PSS_PADDING; key.saltLength = crypto.constants.RSA_PSS_SALTLEN_DIGEST; }
  if (j.p1363) key.dsaEncoding = 'ieee-p1363';
  return input + '.' + b64u(crypto.sign(j.hash, Buffer.from(input), key));
}
function verifyJWT(token, keys) {
  const [h, p, s] = token.split('.');
  const alg = JSON.parse(Buffer.from(h, 'base64url')).alg, j = JWT[alg], input = h + '.' + p;
  if (alg === 'HS256') return crypto.timingSafeEqual(Buffer.from(s, 'base64url'), crypto.createHmac('sha256', keys.secret).update(input).digest());
  const key = { key: crypto.createPublicKey(keys[j.key].publicPem) };
  if (j.pss) { key.padding = crypto.constants.RSA_PKCS1_PSS_PADDING; key.saltLength = crypto.constants.RSA_PSS_SALTLEN_AUTO; }
  if (j.p1363) key.dsaEncoding = 'ieee-p1363';
  return crypto.verify(j.hash, Buffer.from(input), key, Buffer.from(s, 'base64url'));
}
// SIGS: the signature variants each side makes and the other checks.
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
function sign(keys, s) { return crypto.sign(s.hash, msg, Object.assign({ key: crypto.createPrivateKey(keys[s.key].privatePem) }, s.opts)).toString('base64'); }
function verify(keys, s, sig) {
  const o = Object.assign({ key: crypto.createPublicKey(keys[s.key].publicPem) }, s.opts);
  if (o.padding === 6 && o.saltLength === undefined) o.saltLength = -2;
  return crypto.verify(s.hash, msg, o, Buffer.from(sig, 'base64'));
}
const mode = process.argv[2];
if (mode === 'make') {
  const keys = { secret: crypto.randomBytes(32).toString('base64') };
  const gen = { rsa: ['rsa', { modulusLength: 2048 }], p256: ['ec', { namedCurve: 'P-256' }], p384: ['ec', { namedCurve: 'P-384' }], p521: ['ec', { namedCurve: 'P-521' }], ed25519: ['ed25519', {}] };
  for (const k in gen) {
    const { publicKey, privateKey } = crypto.generateKeyPairSync(gen[k][0], gen[k][1]);
    keys[k] = {
      privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }), publicPem: publicKey.export({ type: 'spki', format: 'pem' }),
      privateJwk: privateKey.export({ format: 'jwk' }), publicJwk: publicKey.export({ format: 'jwk' }),
      spki: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    };
  }
  keys.rsa.pkcs1 = crypto.createPrivateKey(keys.rsa.privatePem).export({ type: 'pkcs1', format: 'pem' });
  keys.p256.sec1 = crypto.createPrivateKey(keys.p256.privatePem).export({ type: 'sec1', format: 'pem' });
  const claims = { sub: '1234567890', name: 'Tarsus', iat: 1516239022 };
  const aesKey = Buffer.from(keys.secret, 'base64');
  const ciphers = ['aes-256-gcm', 'aes-256-cbc', 'aes-256-ctr'].map((name) => {
    const iv = crypto.randomBytes(name.endsWith('gcm') ? 12 : 16);
    const c = crypto.createCipheriv(name, aesKey, iv);
    if (name.endsWith('gcm')) c.setAAD(Buffer.from('header'));
    const ct = Buffer.concat([c.update(msg), c.final()]);
    return { name, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: name.endsWith('gcm') ? c.getAuthTag().toString('base64') : undefined };
  });
  const oaep = crypto.publicEncrypt({ key: keys.rsa.publicPem, oaepHash: 'sha256' }, msg).toString('base64');
  console.log(JSON.stringify({
    keys, msg: msg.toString(), claims,
    sigs: SIGS.map((s) => sign(keys, s)),
    jwts: Object.keys(JWT).map((alg) => signJWT(alg, keys, claims)),
    ciphers, oaep,
  }));
} else {
  const made = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  const fromFn = JSON.parse(fs.readFileSync(process.argv[4], 'utf8'));
  const keys = made.keys;
  const out = {
    sigs: fromFn.sigs.map((sig, i) => { try { return verify(keys, SIGS[i], sig); } catch (e) { return String(e); } }),
    jwts: fromFn.jwts.map((t) => { try { return verifyJWT(t, keys); } catch (e) { return String(e); } }),
    subtleJwts: fromFn.subtleJwts.map((t) => { try { return verifyJWT(t, keys); } catch (e) { return String(e); } }),
    ciphers: fromFn.ciphers.map((c) => {
      try {
        const d = crypto.createDecipheriv(c.name, Buffer.from(keys.secret, 'base64'), Buffer.from(c.iv, 'base64'));
        if (c.tag) { d.setAAD(Buffer.from('header')); d.setAuthTag(Buffer.from(c.tag, 'base64')); }
        return Buffer.concat([d.update(Buffer.from(c.ct, 'base64')), d.final()]).toString() === made.msg;
      } catch (e) { return String(e); }
    }),
    oaep: crypto.privateDecrypt({ key: keys.rsa.privatePem, oaepHash: 'sha256' }, Buffer.from(fromFn.oaep, 'base64')).toString() === made.msg,
  };
  console.log(JSON.stringify(out));
}
