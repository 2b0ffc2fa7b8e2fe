// crypto.subtle cases run under node 20 and in a function (crypto_test.go);
// each answers a deterministic value or an error's name.
const subtle = crypto.subtle;
const te = new TextEncoder();
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
const raw16 = new Uint8Array(16).map((_, i) => i);
const raw32 = new Uint8Array(32).map((_, i) => 255 - i);
const sortKeys = (o) => Object.keys(o).sort();
const cases = [
  async () => hex(await subtle.digest('sha-384', te.encode('abc'))),
  async () => hex(await subtle.digest({ name: 'SHA-1' }, new DataView(te.encode('abc').buffer))),
  async () => subtle.digest('MD5', te.encode('abc')),
  async () => subtle.digest('SHA-256', 'a string'),
  async () => subtle.digest(),
  // import / export
  async () => { const k = await subtle.importKey('raw', raw16, { name: 'AES-GCM' }, true, ['encrypt', 'decrypt']); return [k.type, k.algorithm, k.usages, k.extractable, await subtle.exportKey('jwk', k)]; },
  async () => { const k = await subtle.importKey('raw', raw32, 'AES-CBC', true, ['decrypt', 'encrypt', 'decrypt']); return [k.algorithm, k.usages, hex(await subtle.exportKey('raw', k))]; },
  async () => subtle.importKey('raw', new Uint8Array(15), 'AES-GCM', true, ['encrypt']),
  async () => subtle.importKey('raw', raw16, 'AES-GCM', true, ['sign']),
  async () => subtle.importKey('raw', raw16, 'AES-GCM', true, []),
  async () => subtle.importKey('raw', raw16, 'AES-GCM', true, ['bogus']),
  async () => subtle.importKey('bogus', raw16, 'AES-GCM', true, ['encrypt']),
  async () => { const k = await subtle.importKey('jwk', { kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', alg: 'A128GCM' }, 'AES-GCM', true, ['encrypt']); return [k.algorithm, await subtle.exportKey('jwk', k)]; },
  async () => subtle.importKey('jwk', { kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', alg: 'A256GCM' }, 'AES-GCM', true, ['encrypt']),
  async () => subtle.importKey('jwk', { kty: 'RSA', k: 'AAECAwQFBgcICQoLDA0ODw' }, 'AES-GCM', true, ['encrypt']),
  async () => subtle.importKey('jwk', { kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', ext: false }, 'AES-GCM', true, ['encrypt']),
  async () => subtle.importKey('jwk', { kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', key_ops: ['decrypt'] }, 'AES-GCM', true, ['encrypt']),
  async () => { const k = await subtle.importKey('raw', te.encode('key'), { name: 'HMAC', hash: 'SHA-512' }, true, ['sign']); return [k.algorithm, await subtle.exportKey('jwk', k)]; },
  async () => { const k = await subtle.importKey('raw', te.encode('key'), { name: 'HMAC', hash: 'SHA-256', length: 20 }, true, ['sign']); return k.algorithm; },
  async () => subtle.importKey('raw', te.encode('key'), { name: 'HMAC', hash: 'SHA-256', length: 30 }, true, ['sign']),
  async () => subtle.importKey('raw', te.encode('key'), { name: 'HMAC' }, true, ['sign']),
  async () => subtle.importKey('raw', new Uint8Array(0), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']),
  async () => { const k = await subtle.importKey('raw', te.encode('pw'), 'PBKDF2', false, ['deriveBits']); return [k.algorithm, k.extractable, k.type]; },
  async () => subtle.importKey('raw', te.encode('pw'), 'PBKDF2', true, ['deriveBits']),
  async () => subtle.exportKey('raw', await subtle.importKey('raw', te.encode('pw'), 'HKDF', false, ['deriveKey'])),
  // generate
  async () => { const k = await subtle.generateKey({ name: 'AES-CTR', length: 192 }, true, ['encrypt']); return [k.algorithm, (await subtle.exportKey('raw', k)).byteLength]; },
  async () => subtle.generateKey({ name: 'AES-CTR', length: 100 }, true, ['encrypt']),
  async () => subtle.generateKey({ name: 'AES-CTR', length: 128 }, true, []),
  async () => { const k = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-384' }, false, ['sign']); return [k.algorithm, k.extractable]; },
  async () => { const k = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign', 'verify']); return [k.privateKey.algorithm, k.publicKey.extractable, k.privateKey.extractable, k.publicKey.usages, k.privateKey.usages]; },
  async () => subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['encrypt']),
  async () => subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['verify']),
  async () => subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-999' }, false, ['sign']),
  async () => { const k = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']); return [k.publicKey.usages, k.privateKey.usages, sortKeys(await subtle.exportKey('jwk', k.privateKey))]; },
  async () => { const k = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']); return [k.privateKey.algorithm, (await subtle.exportKey('raw', k.publicKey)).byteLength, (await subtle.exportKey('spki', k.publicKey)).byteLength, (await subtle.exportKey('pkcs8', k.privateKey)).byteLength]; },
  async () => { const k = await subtle.generateKey({ name: 'RSA-PSS', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']); const j = await subtle.exportKey('jwk', k.publicKey); return [k.publicKey.algorithm.name, k.publicKey.algorithm.modulusLength, Array.from(k.publicKey.algorithm.publicExponent), k.publicKey.algorithm.hash, j.alg, j.e, j.key_ops, j.ext]; },
  async () => { const k = await subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt']); return subtle.exportKey('raw', k); },
  async () => { const k = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']); return subtle.exportKey('raw', k.privateKey); },
  async () => { const k = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']); return subtle.exportKey('pkcs8', k.publicKey); },
  // sign / verify / encrypt / decrypt / derive
  async () => { const k = await subtle.importKey('raw', te.encode('key'), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']); return hex(await subtle.sign({ name: 'HMAC' }, k, te.encode('data'))); },
  async () => { const k = await subtle.importKey('raw', raw16, 'AES-GCM', false, ['encrypt']); return subtle.sign('HMAC', k, te.encode('x')); },
  async () => { const k = await subtle.importKey('raw', raw16, 'AES-GCM', false, ['encrypt', 'decrypt']); const iv = new Uint8Array(12); const ct = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: te.encode('ad'), tagLength: 96 }, k, te.encode('hello')); return [hex(ct), new TextDecoder().decode(await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: te.encode('ad'), tagLength: 96 }, k, ct))]; },
  async () => { const k = await subtle.importKey('raw', raw16, 'AES-GCM', false, ['decrypt']); return subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, k, new Uint8Array(20)); },
  async () => { const k = await subtle.importKey('raw', raw16, 'AES-GCM', false, ['encrypt']); return subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12), tagLength: 20 }, k, new Uint8Array(1)); },
  async () => { const k = await subtle.importKey('raw', raw16, 'AES-GCM', false, ['encrypt']); return subtle.encrypt({ name: 'AES-GCM' }, k, new Uint8Array(1)); },
  async () => { const k = await subtle.importKey('raw', raw32, 'AES-CBC', false, ['encrypt', 'decrypt']); const iv = raw16; const ct = await subtle.encrypt({ name: 'AES-CBC', iv }, k, te.encode('sixteen bytes!!!')); return [hex(ct), new TextDecoder().decode(await subtle.decrypt({ name: 'AES-CBC', iv }, k, ct))]; },
  async () => { const k = await subtle.importKey('raw', raw32, 'AES-CBC', false, ['decrypt']); return subtle.decrypt({ name: 'AES-CBC', iv: raw16 }, k, new Uint8Array(16)); },
  async () => { const k = await subtle.importKey('raw', raw32, 'AES-CBC', false, ['encrypt']); return subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(8) }, k, new Uint8Array(16)); },
  async () => { const k = await subtle.importKey('raw', raw16, 'AES-CTR', false, ['encrypt']); const counter = new Uint8Array(16).fill(255); return hex(await subtle.encrypt({ name: 'AES-CTR', counter, length: 8 }, k, new Uint8Array(40))); },
  async () => { const k = await subtle.importKey('raw', te.encode('password'), 'PBKDF2', false, ['deriveBits']); return hex(await subtle.deriveBits({ name: 'PBKDF2', salt: te.encode('salt'), iterations: 2, hash: 'SHA-1' }, k, 160)); },
  async () => { const k = await subtle.importKey('raw', te.encode('password'), 'PBKDF2', false, ['deriveBits']); return subtle.deriveBits({ name: 'PBKDF2', salt: te.encode('salt'), iterations: 0, hash: 'SHA-1' }, k, 160); },
  async () => { const k = await subtle.importKey('raw', te.encode('password'), 'PBKDF2', false, ['deriveBits']); return subtle.deriveBits({ name: 'PBKDF2', salt: te.encode('salt'), iterations: 1, hash: 'SHA-1' }, k, null); },
  async () => { const k = await subtle.importKey('raw', te.encode('ikm'), 'HKDF', false, ['deriveBits', 'deriveKey']); return [hex(await subtle.deriveBits({ name: 'HKDF', salt: te.encode('s'), info: te.encode('i'), hash: 'SHA-256' }, k, 256)), (await subtle.deriveKey({ name: 'HKDF', salt: te.encode('s'), info: te.encode('i'), hash: 'SHA-256' }, k, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign'])).algorithm]; },
  async () => { const k = await subtle.importKey('raw', te.encode('ikm'), 'HKDF', false, ['deriveBits']); return subtle.deriveKey({ name: 'HKDF', salt: te.encode('s'), info: te.encode('i'), hash: 'SHA-256' }, k, { name: 'AES-GCM', length: 128 }, true, ['encrypt']); },
  async () => { const a = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']); const b = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']); const x = await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 256); const y = await subtle.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, 256); return [x.byteLength, hex(x) === hex(y)]; },
  async () => { const a = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']); const b = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, false, ['deriveBits']); return subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 256); },
  async () => { const a = await subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']); const b = await subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']); const x = await subtle.deriveBits({ name: 'X25519', public: b.publicKey }, a.privateKey, 256); return [x.byteLength, hex(x) === hex(await subtle.deriveBits({ name: 'X25519', public: a.publicKey }, b.privateKey, 256))]; },
  async () => { const w = await subtle.importKey('raw', raw16, 'AES-KW', false, ['wrapKey', 'unwrapKey']); const k = await subtle.importKey('raw', raw32, 'AES-GCM', true, ['encrypt']); const wrapped = await subtle.wrapKey('raw', k, w, 'AES-KW'); const u = await subtle.unwrapKey('raw', wrapped, w, 'AES-KW', 'AES-GCM', true, ['encrypt']); return [hex(wrapped), hex(await subtle.exportKey('raw', u))]; },
  async () => { const w = await subtle.importKey('raw', raw16, 'AES-GCM', false, ['wrapKey', 'unwrapKey']); const k = await subtle.importKey('raw', raw32, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']); const iv = new Uint8Array(12); const wrapped = await subtle.wrapKey('jwk', k, w, { name: 'AES-GCM', iv }); const u = await subtle.unwrapKey('jwk', wrapped, w, { name: 'AES-GCM', iv }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']); return [wrapped.byteLength, u.algorithm]; },
  async () => { const k = await subtle.importKey('raw', te.encode('pw'), 'PBKDF2', false, ['deriveBits']); return (await Promise.all(Array.from({ length: 20 }, (_, i) => subtle.deriveBits({ name: 'PBKDF2', salt: te.encode('salt' + i), iterations: 500, hash: 'SHA-256' }, k, 128)))).map(hex); },
  async () => { const c = require('crypto'); return (await Promise.all(Array.from({ length: 12 }, (_, i) => new Promise((res, rej) => c.pbkdf2('pw', 'salt' + i, 300, 16, 'sha512', (e, k) => (e ? rej(e) : res(k.toString('hex')))))))); },
  async () => { const c = require('crypto'); return (await Promise.all(Array.from({ length: 6 }, (_, i) => new Promise((res, rej) => c.scrypt('pw', 'salt' + i, 16, { N: 1024 }, (e, k) => (e ? rej(e) : res(k.toString('hex')))))))); },
  async () => { try { new CryptoKey(); } catch (e) { return e.name; } },
  async () => [Object.prototype.toString.call(subtle), typeof SubtleCrypto, subtle instanceof SubtleCrypto],
  async () => { const k = await subtle.importKey('raw', raw16, 'AES-GCM', true, ['encrypt']); return [k instanceof CryptoKey, Object.prototype.toString.call(k), k.algorithm === k.algorithm, k.usages === k.usages]; },
];
const out = [];
for (const f of cases) {
  try {
    const r = await f();
    out.push(r instanceof ArrayBuffer ? { buf: hex(r) } : { val: r === undefined ? '(undefined)' : r });
  } catch (e) {
    out.push({ name: e && e.name });
  }
}
return out;
