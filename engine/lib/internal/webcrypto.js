// Web Crypto (crypto.subtle, CryptoKey) over Go's crypto (the bindings of
// internal/crypto, crypto.go). Every method returns a promise; the Go work
// runs off the runtime's goroutine and settles it on the event loop.
'use strict';
var h = require('internal/crypto');

// ---- errors -------------------------------------------------------------

var DOM_CODES = { NotSupportedError: 9, InvalidAccessError: 15, SyntaxError: 12, DataError: 0, OperationError: 0, QuotaExceededError: 22, TypeMismatchError: 17 };
function domErr(name, msg) {
  if (typeof DOMException === 'function') return new DOMException(msg, name);
  var e = new Error(msg);
  Object.defineProperty(e, 'name', { value: name, configurable: true, writable: true });
  if (DOM_CODES[name]) Object.defineProperty(e, 'code', { value: DOM_CODES[name], configurable: true });
  return e;
}
// toDOM turns a binding's error into the DOMException the spec names
// (a TypeError or a limit stays what it is).
function toDOM(e, fallback) {
  if (e && (e.name === 'TypeError' || e.code === 'TARSUS_LIMIT' || (typeof DOMException === 'function' && e instanceof DOMException))) return e;
  if (e && DOM_CODES[e.code] !== undefined) return domErr(e.code, e.message);
  return domErr(fallback || 'OperationError', (e && e.message) || 'The operation failed for an operation-specific reason');
}
function run(p, fallback) { return p.then(undefined, function (e) { throw toDOM(e, fallback); }); }

// ---- algorithms ---------------------------------------------------------

var NAMES = ['AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'HMAC', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'PBKDF2', 'HKDF',
  'ECDSA', 'ECDH', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP', 'Ed25519', 'X25519'];
var CANON = {};
NAMES.forEach(function (n) { CANON[n.toUpperCase()] = n; });

var OPS = {
  digest: ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'],
  generateKey: ['AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'HMAC', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP', 'ECDSA', 'ECDH', 'Ed25519', 'X25519'],
  importKey: ['AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'HMAC', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP', 'ECDSA', 'ECDH', 'Ed25519', 'X25519', 'PBKDF2', 'HKDF'],
  sign: ['HMAC', 'ECDSA', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'Ed25519'],
  encrypt: ['AES-GCM', 'AES-CBC', 'AES-CTR', 'RSA-OAEP'],
  deriveBits: ['PBKDF2', 'HKDF', 'ECDH', 'X25519'],
  wrapKey: ['AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'RSA-OAEP'],
  'get key length': ['AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'HMAC', 'PBKDF2', 'HKDF'],
};
OPS.verify = OPS.sign; OPS.decrypt = OPS.encrypt; OPS.unwrapKey = OPS.wrapKey;

function isBufferSource(v) { return ArrayBuffer.isView(v) || v instanceof ArrayBuffer; }
function bytes(v, what) {
  if (!isBufferSource(v)) throw new TypeError('Failed to execute: ' + (what || 'the data') + ' is not of type BufferSource');
  return v;
}

// normalize is the spec's "normalize an algorithm" for op.
function normalize(alg, op) {
  if (typeof alg === 'string') alg = { name: alg };
  else if (alg === null || typeof alg !== 'object') throw new TypeError('Algorithm: Unrecognized algorithm name');
  if (alg.name === undefined) throw new TypeError("Failed to read the 'name' property from 'Algorithm': Required member is undefined.");
  var name = CANON[String(alg.name).toUpperCase()];
  if (!name || OPS[op].indexOf(name) < 0) throw domErr('NotSupportedError', 'Unrecognized algorithm name');
  var out = {};
  for (var k in alg) out[k] = alg[k];
  out.name = name;
  if (out.hash !== undefined && name !== 'PBKDF2x') out.hash = normalize(out.hash, 'digest');
  var need = function (m) { if (out[m] === undefined) throw new TypeError("Failed to read the '" + m + "' property from the algorithm: Required member is undefined."); };
  switch (op + ':' + name) {
    case 'encrypt:AES-GCM': need('iv'); bytes(out.iv, 'iv'); if (out.additionalData !== undefined) bytes(out.additionalData, 'additionalData'); break;
    case 'encrypt:AES-CBC': need('iv'); bytes(out.iv, 'iv'); break;
    case 'encrypt:AES-CTR': need('counter'); need('length'); bytes(out.counter, 'counter'); break;
    case 'encrypt:RSA-OAEP': if (out.label !== undefined) bytes(out.label, 'label'); break;
    case 'deriveBits:PBKDF2': need('salt'); need('iterations'); need('hash'); bytes(out.salt, 'salt'); break;
    case 'deriveBits:HKDF': need('salt'); need('info'); need('hash'); bytes(out.salt, 'salt'); bytes(out.info, 'info'); break;
    case 'deriveBits:ECDH': case 'deriveBits:X25519': need('public'); if (!isCryptoKey(out.public)) throw new TypeError("Failed to read the 'public' property: not a CryptoKey"); break;
    case 'sign:ECDSA': need('hash'); break;
    case 'sign:RSA-PSS': need('saltLength'); break;
    case 'generateKey:HMAC': case 'importKey:HMAC': need('hash'); break;
    case 'generateKey:ECDSA': case 'generateKey:ECDH': case 'importKey:ECDSA': case 'importKey:ECDH': need('namedCurve'); break;
    case 'importKey:RSASSA-PKCS1-v1_5': case 'importKey:RSA-PSS': case 'importKey:RSA-OAEP': need('hash'); break;
    case 'generateKey:RSASSA-PKCS1-v1_5': case 'generateKey:RSA-PSS': case 'generateKey:RSA-OAEP':
      need('modulusLength'); need('publicExponent'); need('hash'); break;
    case 'generateKey:AES-GCM': case 'generateKey:AES-CBC': case 'generateKey:AES-CTR': case 'generateKey:AES-KW':
    case 'get key length:AES-GCM': case 'get key length:AES-CBC': case 'get key length:AES-CTR': case 'get key length:AES-KW':
      need('length'); break;
  }
  return out;
}
function hashName(a) { return a.hash.name; }
var HASH_BLOCK = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
var HASH_BITS = { 'SHA-1': 160, 'SHA-256': 256, 'SHA-384': 384, 'SHA-512': 512 };

// ---- CryptoKey ----------------------------------------------------------

var slots = new WeakMap();
function CryptoKey() { throw new TypeError('Illegal constructor'); }
function slot(k) {
  var s = slots.get(k);
  if (!s) throw new TypeError('Illegal invocation');
  return s;
}
Object.defineProperties(CryptoKey.prototype, {
  type: { get: function () { return slot(this).type; }, enumerable: true, configurable: true },
  extractable: { get: function () { return slot(this).extractable; }, enumerable: true, configurable: true },
  algorithm: { get: function () { return slot(this).algorithm; }, enumerable: true, configurable: true },
  usages: { get: function () { return slot(this).usages; }, enumerable: true, configurable: true },
});
if (typeof Symbol === 'function' && Symbol.toStringTag) {
  Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });
}
function isCryptoKey(v) { return v !== null && typeof v === 'object' && slots.has(v); }
var USAGE_ORDER = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey'];
function newKey(type, extractable, algorithm, usages, handle) {
  var k = Object.create(CryptoKey.prototype);
  var u = USAGE_ORDER.filter(function (x) { return usages.indexOf(x) >= 0; });
  slots.set(k, { type: type, extractable: !!extractable, algorithm: algorithm, usages: u, handle: handle });
  return k;
}

// USAGES: what each algorithm's keys may do, by key type.
var SIGN = { private: ['sign'], public: ['verify'] };
var USAGES = {
  'AES-GCM': { secret: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'] },
  'AES-KW': { secret: ['wrapKey', 'unwrapKey'] },
  HMAC: { secret: ['sign', 'verify'] },
  PBKDF2: { secret: ['deriveKey', 'deriveBits'] },
  'RSASSA-PKCS1-v1_5': SIGN, 'RSA-PSS': SIGN, ECDSA: SIGN, Ed25519: SIGN,
  'RSA-OAEP': { private: ['decrypt', 'unwrapKey'], public: ['encrypt', 'wrapKey'] },
  ECDH: { private: ['deriveKey', 'deriveBits'], public: [] },
};
USAGES['AES-CBC'] = USAGES['AES-CTR'] = USAGES['AES-GCM'];
USAGES.HKDF = USAGES.PBKDF2; USAGES.X25519 = USAGES.ECDH;

function checkUsages(usages) {
  if (!Array.isArray(usages) && (usages === null || typeof usages !== 'object' || typeof usages[Symbol.iterator] !== 'function')) {
    throw new TypeError('The provided value cannot be converted to a sequence.');
  }
  var u = Array.from(usages, String);
  u.forEach(function (x) { if (USAGE_ORDER.indexOf(x) < 0) throw new TypeError("The provided value '" + x + "' is not a valid enum value of type KeyUsage."); });
  return u;
}
function allowed(name, types, usages) {
  var ok = [];
  types.forEach(function (t) { ok = ok.concat(USAGES[name][t] || []); });
  usages.forEach(function (x) { if (ok.indexOf(x) < 0) throw domErr('SyntaxError', 'Cannot create a key using the specified key usages.'); });
}
function only(usages, list) { return usages.filter(function (x) { return list.indexOf(x) >= 0; }); }

// ---- subtle ---------------------------------------------------------------

function useKey(key, alg, usage) {
  if (!isCryptoKey(key)) throw new TypeError("parameter 2 is not of type 'CryptoKey'.");
  var s = slot(key);
  if (s.algorithm.name !== alg.name) throw domErr('InvalidAccessError', 'The requested operation is not valid for the provided key');
  if (s.usages.indexOf(usage) < 0) throw domErr('InvalidAccessError', 'The requested operation is not valid for the provided key');
  return s;
}

function signOpts(alg, s) {
  switch (alg.name) {
    case 'ECDSA': return { hash: hashName(alg), dsaEncoding: 'ieee-p1363' };
    case 'RSASSA-PKCS1-v1_5': return { hash: s.algorithm.hash.name, padding: 1 };
    case 'RSA-PSS':
      var sl = Number(alg.saltLength);
      if (!(sl >= 0) || sl !== Math.floor(sl)) throw new TypeError('saltLength must be a non-negative integer');
      return { hash: s.algorithm.hash.name, padding: 6, saltLength: sl };
  }
  return {};
}

function SubtleCrypto() { throw new TypeError('Illegal constructor'); }
var subtle = Object.create(SubtleCrypto.prototype);

SubtleCrypto.prototype.digest = async function digest(algorithm, data) {
  var alg = normalize(algorithm, 'digest');
  return run(h.digest(alg.name, bytes(data), undefined, true));
};

SubtleCrypto.prototype.sign = async function sign(algorithm, key, data) {
  var alg = normalize(algorithm, 'sign');
  bytes(data);
  var s = useKey(key, alg, 'sign');
  if (alg.name === 'HMAC') return run(h.hmac(s.algorithm.hash.name, s.handle, data, true));
  return run(h.sign(s.handle, data, signOpts(alg, s), true));
};

SubtleCrypto.prototype.verify = async function verify(algorithm, key, signature, data) {
  var alg = normalize(algorithm, 'verify');
  bytes(signature); bytes(data);
  var s = useKey(key, alg, 'verify');
  if (alg.name === 'HMAC') {
    var sig = new Uint8Array(ArrayBuffer.isView(signature) ? signature.buffer.slice(signature.byteOffset, signature.byteOffset + signature.byteLength) : signature.slice(0));
    var mac = new Uint8Array(await run(h.hmac(s.algorithm.hash.name, s.handle, data, true)));
    return mac.length === sig.length && h.timingSafeEqual(mac, sig);
  }
  return run(h.verify(s.handle, data, signature, signOpts(alg, s), true));
};

function aesParams(alg) {
  switch (alg.name) {
    case 'AES-GCM':
      var t = alg.tagLength === undefined ? 128 : Number(alg.tagLength);
      if ([32, 64, 96, 104, 112, 120, 128].indexOf(t) < 0) throw domErr('OperationError', 'invalid tagLength');
      if (alg.iv.byteLength === 0) throw domErr('OperationError', 'the iv is empty');
      return [alg.iv, alg.additionalData, t];
    case 'AES-CBC':
      if (alg.iv.byteLength !== 16) throw domErr('OperationError', 'AES-CBC needs a 16-byte iv');
      return [alg.iv, undefined, 0];
    case 'AES-CTR':
      if (alg.counter.byteLength !== 16) throw domErr('OperationError', 'AES-CTR needs a 16-byte counter');
      var l = Number(alg.length);
      if (!(l >= 1 && l <= 128)) throw domErr('OperationError', 'AES-CTR counter length must be 1 to 128');
      return [alg.counter, undefined, l];
  }
}
function crypt(alg, s, data, decrypt) {
  if (alg.name === 'RSA-OAEP') {
    return run(h.rsaCrypt(s.handle, data, decrypt, 4, s.algorithm.hash.name, alg.label, true));
  }
  var p = aesParams(alg);
  return run(h.aes(alg.name, s.handle, p[0], data, decrypt, p[1], p[2]));
}
SubtleCrypto.prototype.encrypt = async function encrypt(algorithm, key, data) {
  var alg = normalize(algorithm, 'encrypt');
  bytes(data);
  return crypt(alg, useKey(key, alg, 'encrypt'), data, false);
};
SubtleCrypto.prototype.decrypt = async function decrypt(algorithm, key, data) {
  var alg = normalize(algorithm, 'decrypt');
  bytes(data);
  return crypt(alg, useKey(key, alg, 'decrypt'), data, true);
};

function deriveBits(alg, s, length) {
  switch (alg.name) {
    case 'PBKDF2':
      if (length === null || length === undefined || length % 8 !== 0) return Promise.reject(domErr('OperationError', 'PBKDF2 needs a length that is a multiple of 8'));
      if (!(alg.iterations > 0)) return Promise.reject(domErr('OperationError', 'iterations must be greater than 0'));
      return run(h.pbkdf2(s.handle, alg.salt, alg.iterations, length / 8, hashName(alg), true));
    case 'HKDF':
      if (length === null || length === undefined || length % 8 !== 0) return Promise.reject(domErr('OperationError', 'HKDF needs a length that is a multiple of 8'));
      return run(h.hkdf(hashName(alg), s.handle, alg.salt, alg.info, length / 8, true));
  }
  // ECDH, X25519
  var pub = slot(alg.public);
  if (pub.type !== 'public') throw domErr('InvalidAccessError', 'The public key is not a public key');
  if (pub.algorithm.name !== s.algorithm.name) throw domErr('InvalidAccessError', 'The public key is for another algorithm');
  if (s.algorithm.namedCurve !== pub.algorithm.namedCurve) throw domErr('InvalidAccessError', 'The keys are on different curves');
  return run(h.ecdh(s.handle, pub.handle, true)).then(function (secret) {
    if (length === null || length === undefined) return secret;
    if (length > secret.byteLength * 8) throw domErr('OperationError', 'The length is larger than the derived secret');
    var n = Math.ceil(length / 8);
    var out = new Uint8Array(secret.slice(0, n));
    if (length % 8) out[n - 1] &= (0xff << (8 - length % 8)) & 0xff;
    return out.buffer;
  });
}
SubtleCrypto.prototype.deriveBits = async function (algorithm, baseKey, length) {
  var alg = normalize(algorithm, 'deriveBits');
  var s = useKey(baseKey, alg, 'deriveBits');
  return deriveBits(alg, s, length === undefined ? null : length);
};
function keyLength(alg) {
  if (alg.name === 'HMAC') {
    if (alg.length === undefined) return HASH_BLOCK[alg.hash.name];
    if (alg.length === 0) throw new TypeError('HMAC key length must not be 0');
    return Number(alg.length);
  }
  if (alg.name === 'PBKDF2' || alg.name === 'HKDF') return null;
  if ([128, 192, 256].indexOf(Number(alg.length)) < 0) throw domErr('OperationError', 'AES key length must be 128, 192 or 256 bits');
  return Number(alg.length);
}
SubtleCrypto.prototype.deriveKey = async function (algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
  var alg = normalize(algorithm, 'deriveBits');
  var dalg = normalize(derivedKeyType, 'importKey');
  var lalg = normalize(derivedKeyType, 'get key length');
  var usages = checkUsages(keyUsages);
  var s = useKey(baseKey, alg, 'deriveKey');
  var len = keyLength(lalg);
  var bits = await deriveBits(alg, s, len);
  return importKey('raw', bits, dalg, extractable, usages);
};

// ---- keys: generate, import, export -------------------------------------

function rsaAlgorithm(name, info, hash) {
  return { name: name, modulusLength: info.modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash: { name: hash } };
}
function aesLength(n) {
  if (n !== 128 && n !== 192 && n !== 256) throw domErr('OperationError', 'AES key length must be 128, 192 or 256 bits');
  return n;
}
function curveOf(alg) {
  var c = alg.namedCurve;
  if (c !== 'P-256' && c !== 'P-384' && c !== 'P-521') throw domErr('NotSupportedError', 'Unsupported namedCurve ' + c);
  return c;
}

SubtleCrypto.prototype.generateKey = async function generateKey(algorithm, extractable, keyUsages) {
  var alg = normalize(algorithm, 'generateKey');
  var usages = checkUsages(keyUsages);
  var name = alg.name;
  if (USAGES[name].secret) {
    allowed(name, ['secret'], usages);
    var bits;
    if (name === 'HMAC') {
      bits = alg.length === undefined ? HASH_BLOCK[alg.hash.name] : Number(alg.length);
      if (!(bits > 0)) throw domErr('OperationError', 'HMAC key length must be greater than 0');
    } else {
      bits = aesLength(Number(alg.length));
    }
    if (usages.length === 0) throw domErr('SyntaxError', 'Usages cannot be empty when creating a key.');
    var raw = new Uint8Array(h.randomBytes(Math.ceil(bits / 8)));
    if (bits % 8) raw[raw.length - 1] &= (0xff << (8 - bits % 8)) & 0xff;
    var a = name === 'HMAC' ? { name: name, length: bits, hash: { name: alg.hash.name } } : { name: name, length: bits };
    return newKey('secret', extractable, a, usages, h.secretKey(raw));
  }
  allowed(name, ['private', 'public'], usages);
  var type, opts, algo;
  switch (name) {
    case 'RSASSA-PKCS1-v1_5': case 'RSA-PSS': case 'RSA-OAEP':
      var e = bytes(alg.publicExponent, 'publicExponent');
      var ev = 0, eb = new Uint8Array(ArrayBuffer.isView(e) ? e.buffer : e, ArrayBuffer.isView(e) ? e.byteOffset : 0, e.byteLength);
      for (var i = 0; i < eb.length; i++) ev = ev * 256 + eb[i];
      if (ev !== 65537) throw domErr('OperationError', 'Only the public exponent 65537 is supported');
      type = 'rsa'; opts = { modulusLength: Number(alg.modulusLength), publicExponent: ev };
      algo = { name: name, modulusLength: opts.modulusLength, publicExponent: new Uint8Array(eb), hash: { name: alg.hash.name } };
      break;
    case 'ECDSA': case 'ECDH':
      type = 'ec'; opts = { namedCurve: curveOf(alg) }; algo = { name: name, namedCurve: alg.namedCurve };
      break;
    default:
      type = name.toLowerCase(); opts = {}; algo = { name: name };
  }
  var privUsages = only(usages, USAGES[name].private), pubUsages = only(usages, USAGES[name].public);
  if (privUsages.length === 0) throw domErr('SyntaxError', 'Usages cannot be empty when creating a key.');
  var pair = await run(h.keyGen(type, opts, true));
  var pubAlgo = {}; for (var k in algo) pubAlgo[k] = algo[k];
  return {
    publicKey: newKey('public', true, pubAlgo, pubUsages, pair[1]),
    privateKey: newKey('private', extractable, algo, privUsages, pair[0]),
  };
};

var JWK_ALG = {
  'AES-GCM': 'GCM', 'AES-CBC': 'CBC', 'AES-CTR': 'CTR', 'AES-KW': 'KW',
  HMAC: { 'SHA-1': 'HS1', 'SHA-256': 'HS256', 'SHA-384': 'HS384', 'SHA-512': 'HS512' },
  'RSASSA-PKCS1-v1_5': { 'SHA-1': 'RS1', 'SHA-256': 'RS256', 'SHA-384': 'RS384', 'SHA-512': 'RS512' },
  'RSA-PSS': { 'SHA-1': 'PS1', 'SHA-256': 'PS256', 'SHA-384': 'PS384', 'SHA-512': 'PS512' },
  'RSA-OAEP': { 'SHA-1': 'RSA-OAEP', 'SHA-256': 'RSA-OAEP-256', 'SHA-384': 'RSA-OAEP-384', 'SHA-512': 'RSA-OAEP-512' },
};
function jwkAlg(algo, bits) {
  var a = JWK_ALG[algo.name];
  if (typeof a === 'string') return 'A' + bits + a;
  return a ? a[algo.hash.name] : undefined;
}

function importKey(format, keyData, alg, extractable, usages) {
  var name = alg.name;
  var handle, type, algo;
  var secret = !!USAGES[name].secret;
  if (format === 'jwk') {
    if (keyData === null || typeof keyData !== 'object' || isBufferSource(keyData)) throw new TypeError('keyData is not a JsonWebKey');
  } else if (format === 'raw' || format === 'pkcs8' || format === 'spki') {
    bytes(keyData, 'keyData');
  } else {
    throw new TypeError("The provided value '" + format + "' is not a valid enum value of type KeyFormat.");
  }
  if (format === 'jwk') {
    var j = keyData;
    var kty = secret ? 'oct' : name.indexOf('RSA') === 0 ? 'RSA' : (name === 'ECDSA' || name === 'ECDH') ? 'EC' : 'OKP';
    if (j.kty !== kty) throw domErr('DataError', 'The JWK "kty" member was not "' + kty + '"');
    if (name === 'PBKDF2' || name === 'HKDF') throw domErr('NotSupportedError', name + ' keys cannot be imported as JWK');
    if (j.use !== undefined && usages.length && j.use !== (usages.some(function (u) { return u === 'encrypt' || u === 'decrypt' || u === 'wrapKey' || u === 'unwrapKey'; }) ? 'enc' : 'sig')) throw domErr('DataError', 'The JWK "use" member was not correct');
    if (j.key_ops !== undefined) {
      if (!Array.isArray(j.key_ops)) throw domErr('DataError', 'The JWK "key_ops" member is not an array');
      usages.forEach(function (u) { if (j.key_ops.indexOf(u) < 0) throw domErr('DataError', 'The JWK "key_ops" member does not include ' + u); });
    }
    if (j.ext === false && extractable) throw domErr('DataError', 'The JWK "ext" member was false but the key is extractable');
    if ((kty === 'EC' || kty === 'OKP') && j.crv !== (kty === 'EC' ? alg.namedCurve : name)) throw domErr('DataError', 'The JWK "crv" member does not match');
    var str;
    try { str = JSON.stringify(j); } catch (e) { throw domErr('DataError', 'Invalid JWK'); }
    try {
      handle = secret ? h.keyImport('secret', 'jwk', str) : h.keyImport(j.d !== undefined ? 'private' : 'public', 'jwk', str);
    } catch (e) { throw toDOM(e, 'DataError'); }
    if (secret) {
      handle = h.secretKey(new Uint8Array(h.keyExport(handle, 'raw')));
    }
    if (j.alg !== undefined) {
      var info0 = h.keyInfo(handle);
      var want = name === 'ECDSA' ? { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[alg.namedCurve]
        : name === 'Ed25519' ? (j.alg === 'EdDSA' ? 'EdDSA' : 'Ed25519')
        : name === 'ECDH' || name === 'X25519' ? j.alg
        : jwkAlg(secret ? alg : { name: name, hash: alg.hash }, info0.size * 8);
      if (j.alg !== want) throw domErr('DataError', 'The JWK "alg" member was not "' + want + '"');
    }
  } else if (format === 'raw') {
    if (secret) {
      handle = h.secretKey(keyData);
    } else if (name === 'ECDSA' || name === 'ECDH') {
      curveOf(alg);
      handle = wrapImport(function () { return h.keyImportRaw(alg.namedCurve, keyData); });
    } else if (name === 'Ed25519' || name === 'X25519') {
      handle = wrapImport(function () { return h.keyImportRaw(name, keyData); });
    } else {
      throw domErr('NotSupportedError', name + ' keys cannot be imported in raw format');
    }
  } else {
    if (secret) throw domErr('NotSupportedError', name + ' keys cannot be imported in ' + format + ' format');
    handle = wrapImport(function () { return h.keyImport(format === 'pkcs8' ? 'private' : 'public', 'der', keyData, format); });
  }
  var info = h.keyInfo(handle);
  type = info.type;
  if (secret) {
    var bits = info.size * 8;
    if (name === 'HMAC') {
      if (bits === 0) throw domErr('DataError', 'HMAC key data must not be empty');
      var len = bits;
      if (alg.length !== undefined) {
        len = Number(alg.length);
        if (len > bits || len <= bits - 8) throw domErr('DataError', 'HMAC key length does not match the key data');
      }
      algo = { name: name, length: len, hash: { name: alg.hash.name } };
    } else if (name === 'PBKDF2' || name === 'HKDF') {
      if (format !== 'raw') throw domErr('NotSupportedError', name + ' keys can only be imported in raw format');
      if (extractable) throw domErr('SyntaxError', name + ' keys cannot be extractable');
      algo = { name: name };
    } else {
      if (bits !== 128 && bits !== 192 && bits !== 256) throw domErr('DataError', 'AES key data must be 128, 192 or 256 bits');
      algo = { name: name, length: bits };
    }
  } else {
    var at = info.asymmetricKeyType;
    var ok = name.indexOf('RSA') === 0 ? at === 'rsa' : (name === 'ECDSA' || name === 'ECDH') ? at === 'ec' : at === name.toLowerCase();
    if (!ok) throw domErr('DataError', 'The key is not a ' + name + ' key');
    if (name.indexOf('RSA') === 0) algo = rsaAlgorithm(name, info, alg.hash.name);
    else if (at === 'ec') {
      if (info.webCurve !== alg.namedCurve) throw domErr('DataError', 'The key is on curve ' + info.webCurve + ', not ' + alg.namedCurve);
      algo = { name: name, namedCurve: alg.namedCurve };
    } else algo = { name: name };
  }
  allowed(name, [type], usages);
  if ((type === 'secret' || type === 'private') && usages.length === 0) throw domErr('SyntaxError', 'Usages cannot be empty when creating a key.');
  return newKey(type, extractable, algo, usages, handle);
}
function wrapImport(f) {
  try { return f(); } catch (e) { throw toDOM(e, 'DataError'); }
}

SubtleCrypto.prototype.importKey = async function (format, keyData, algorithm, extractable, keyUsages) {
  var alg = normalize(algorithm, 'importKey');
  var usages = checkUsages(keyUsages);
  if (format === 'jwk' && (keyData === null || typeof keyData !== 'object')) throw new TypeError('keyData is not a JsonWebKey');
  if (format !== 'jwk' && isBufferSource(keyData)) keyData = copyBytes(keyData);
  return importKey(format, keyData, alg, extractable, usages);
};
function copyBytes(v) {
  return ArrayBuffer.isView(v) ? new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)) : new Uint8Array(v.slice(0));
}

function exportKey(format, key) {
  var s = slot(key);
  if (!s.extractable) throw domErr('InvalidAccessError', 'The key is not extractable');
  var name = s.algorithm.name;
  switch (format) {
    case 'raw':
      if (s.type === 'secret') {
        if (name === 'PBKDF2' || name === 'HKDF') throw domErr('NotSupportedError', name + ' keys cannot be exported');
        return h.keyExport(s.handle, 'raw');
      }
      if (s.type !== 'public') throw domErr('InvalidAccessError', 'Only public keys can be exported in raw format');
      if (name.indexOf('RSA') === 0) throw domErr('NotSupportedError', 'RSA keys cannot be exported in raw format');
      return h.keyExport(s.handle, 'raw');
    case 'pkcs8':
      if (s.type !== 'private') throw domErr('InvalidAccessError', 'Only private keys can be exported as pkcs8');
      return h.keyExport(s.handle, 'der', 'pkcs8');
    case 'spki':
      if (s.type !== 'public') throw domErr('InvalidAccessError', 'Only public keys can be exported as spki');
      return h.keyExport(s.handle, 'der', 'spki');
    case 'jwk':
      if (name === 'PBKDF2' || name === 'HKDF') throw domErr('NotSupportedError', name + ' keys cannot be exported');
      var m = JSON.parse(h.keyExport(s.handle, 'jwk'));
      var j = { key_ops: s.usages.slice(), ext: s.extractable };
      for (var f in m) j[f] = m[f];
      var a = s.type === 'secret' ? jwkAlg(s.algorithm, h.keyInfo(s.handle).size * 8) : name.indexOf('RSA') === 0 ? jwkAlg(s.algorithm) : undefined;
      if (a !== undefined) j.alg = a;
      return j;
  }
  throw new TypeError("The provided value '" + format + "' is not a valid enum value of type KeyFormat.");
}
SubtleCrypto.prototype.exportKey = async function (format, key) {
  if (!isCryptoKey(key)) throw new TypeError("parameter 2 is not of type 'CryptoKey'.");
  return exportKey(format, key);
};

SubtleCrypto.prototype.wrapKey = async function (format, key, wrappingKey, wrapAlgorithm) {
  var alg = normalize(wrapAlgorithm, 'wrapKey');
  var s = useKey(wrappingKey, alg, 'wrapKey');
  if (!isCryptoKey(key)) throw new TypeError("parameter 2 is not of type 'CryptoKey'.");
  var exported = exportKey(format, key);
  var data = format === 'jwk' ? new Uint8Array(h.decode(JSON.stringify(exported), 'utf8')) : exported;
  if (alg.name === 'AES-KW') return run(h.aesKW(s.handle, data, false));
  return crypt(alg, s, data, false);
};
SubtleCrypto.prototype.unwrapKey = async function (format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
  var alg = normalize(unwrapAlgorithm, 'unwrapKey');
  var kalg = normalize(unwrappedKeyAlgorithm, 'importKey');
  var usages = checkUsages(keyUsages);
  bytes(wrappedKey);
  var s = useKey(unwrappingKey, alg, 'unwrapKey');
  var raw = alg.name === 'AES-KW' ? await run(h.aesKW(s.handle, wrappedKey, true)) : await crypt(alg, s, wrappedKey, true);
  var data = raw;
  if (format === 'jwk') {
    try { data = JSON.parse(h.encode(new Uint8Array(raw), 'utf8')); } catch (e) { throw domErr('DataError', 'The unwrapped key is not a JWK'); }
  }
  return importKey(format, data, kalg, extractable, usages);
};

if (typeof Symbol === 'function' && Symbol.toStringTag) {
  Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });
}

module.exports = {
  subtle: subtle, SubtleCrypto: SubtleCrypto, CryptoKey: CryptoKey,
  isCryptoKey: isCryptoKey,
  keyHandle: function (k) { return slot(k).handle; },
};
