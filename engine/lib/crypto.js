// node:crypto over Go's crypto (the bindings of internal/crypto, crypto.go).
'use strict';
var h = require('internal/crypto');
var Buffer = require('buffer').Buffer;

// ---- errors and argument checks, worded as Node words them -------------

function received(v) {
  if (v === undefined || v === null) return ' Received ' + v;
  if (typeof v === 'function') return ' Received function ' + (v.name || '<anonymous>');
  if (typeof v === 'object') {
    if (v.constructor && v.constructor.name) return ' Received an instance of ' + v.constructor.name;
    return ' Received ' + String(v);
  }
  var s = typeof v === 'string' ? "'" + (v.length > 25 ? v.slice(0, 25) + '...' : v) + "'" : String(v);
  if (typeof v === 'bigint') s += 'n';
  return ' Received type ' + typeof v + ' (' + s + ')';
}
// inspected is a value as util.inspect writes it in ERR_INVALID_ARG_VALUE.
function inspected(v) { return typeof v === 'string' ? "'" + v + "'" : String(v); }
function numSep(n) { var s = String(n); return Math.abs(n) >= 2 ** 32 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, '_') : s; }
function codeErr(Ctor, code, msg) { var e = new Ctor(msg); e.code = code; return e; }
function argType(name, expected, v) {
  return codeErr(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" argument must be ' + expected + '.' + received(v));
}
function isView(v) { return ArrayBuffer.isView(v); }
function isBytes(v) { return isView(v) || v instanceof ArrayBuffer; }
function checkData(name, v, allowAB) {
  if (typeof v === 'string' || isView(v) || (allowAB && v instanceof ArrayBuffer)) return v;
  throw argType(name, 'of type string or an instance of ' + (allowAB ? 'ArrayBuffer, ' : '') + 'Buffer, TypedArray, or DataView', v);
}
function checkString(name, v) { if (typeof v !== 'string') throw argType(name, 'of type string', v); return v; }
function checkFunction(name, v) { if (typeof v !== 'function') throw argType(name, 'of type function', v); return v; }
function checkInt(name, v, min, max) {
  if (typeof v !== 'number') throw argType(name, 'of type number', v);
  if (!Number.isInteger(v)) throw codeErr(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be an integer. Received ' + v);
  if (v < min || v > max) throw codeErr(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be >= ' + min + ' && <= ' + max + '. Received ' + numSep(v));
  return v;
}

function buf(ab) { return Buffer.from(ab); }
function out(ab, enc) { return enc === undefined || enc === 'buffer' ? buf(ab) : h.encode(new Uint8Array(ab), enc); }
// later runs fn(args) on the next turn, as Node calls callbacks.
function later(fn) { var a = Array.prototype.slice.call(arguments, 1); Promise.resolve().then(function () { fn.apply(undefined, a); }); }
function settle(p, cb, map) {
  p.then(function (r) { cb(null, map ? map(r) : r); }, function (e) { cb(e); });
}

// ---- hashes -------------------------------------------------------------

function Hash(algorithm, options, handle) {
  if (!(this instanceof Hash)) return new Hash(algorithm, options);
  if (handle) { this._h = handle; this._alg = algorithm; return; }
  checkString('algorithm', algorithm);
  if (options && options.outputLength !== undefined) throw codeErr(Error, 'ERR_CRYPTO_INVALID_DIGEST', 'outputLength is only for XOF digests, which Tarsus does not have');
  this._h = h.hashNew(algorithm);
  this._alg = algorithm;
}
Hash.prototype.update = function (data, encoding) {
  if (this._done) throw codeErr(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
  h.hashUpdate(this._h, checkData('data', data), encoding);
  return this;
};
Hash.prototype.digest = function (encoding) {
  if (this._done) throw codeErr(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
  this._done = true;
  return out(h.hashDigest(this._h), encoding);
};
Hash.prototype.copy = function (options) {
  if (this._done) throw codeErr(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
  return new Hash(this._alg, options, h.hashCopy(this._h));
};

function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  checkString('hmac', hmac);
  var enc = options && options.encoding;
  if (key instanceof KeyObject) {
    if (key.type !== 'secret') throw codeErr(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type ' + key.type + ', expected secret.');
    key = key._k;
  } else if (isCryptoKey(key)) {
    key = keyHandle(key);
  } else if (typeof key !== 'string' && !isBytes(key)) {
    throw argType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
  }
  this._h = h.hmacNew(hmac, key, enc);
}
Hmac.prototype.update = Hash.prototype.update;
Hmac.prototype.digest = function (encoding) {
  // A second digest answers an empty result, as Node's does.
  if (this._done) return out(new ArrayBuffer(0), encoding);
  this._done = true;
  return out(h.hashDigest(this._h), encoding);
};

function createHash(algorithm, options) { return new Hash(algorithm, options); }
function createHmac(hmac, key, options) { return new Hmac(hmac, key, options); }
function hash(algorithm, data, outputEncoding) {
  checkString('algorithm', algorithm);
  if (typeof data !== 'string' && !isView(data)) throw argType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  if (outputEncoding === undefined) outputEncoding = 'hex';
  return out(h.digest(algorithm, data, undefined, false), outputEncoding);
}

// ---- random -------------------------------------------------------------

var MAX_RANDOM = 2147483647;
function randomBytes(size, callback) {
  checkInt('size', size, 0, MAX_RANDOM);
  if (callback !== undefined) checkFunction('callback', callback);
  var b = buf(h.randomBytes(size));
  if (callback === undefined) return b;
  later(callback, null, b);
}
function randomFillSync(b, offset, size) {
  if (!isBytes(b)) throw argType('buf', 'an instance of ArrayBuffer or ArrayBufferView', b);
  var len = b.byteLength;
  offset = offset === undefined ? 0 : checkInt('offset', offset, 0, len);
  size = size === undefined ? len - offset : checkInt('size', size, 0, len - offset);
  h.randomFill(b, offset, size);
  return b;
}
function randomFill(b, offset, size, callback) {
  if (typeof offset === 'function') { callback = offset; offset = undefined; } else if (typeof size === 'function') { callback = size; size = undefined; }
  checkFunction('callback', callback);
  randomFillSync(b, offset, size);
  later(callback, null, b);
}
function randomInt(min, max, callback) {
  if (typeof max === 'undefined' || typeof max === 'function') { callback = max; max = min; min = 0; }
  if (callback !== undefined) checkFunction('callback', callback);
  if (!Number.isSafeInteger(min)) throw argType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw argType('max', 'a safe integer', max);
  if (max <= min) throw codeErr(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "max" is out of range. It must be greater than the value of "min" (' + min + '). Received ' + numSep(max));
  if (max - min > 281474976710655) throw codeErr(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "max - min" is out of range. It must be <= 281474976710655. Received ' + numSep(max - min));
  var n = h.randomInt(min, max);
  if (callback === undefined) return n;
  later(callback, null, n);
}
function randomUUID(options) {
  var b = new Uint8Array(h.randomBytes(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  var x = h.encode(b, 'hex');
  return x.slice(0, 8) + '-' + x.slice(8, 12) + '-' + x.slice(12, 16) + '-' + x.slice(16, 20) + '-' + x.slice(20);
}
function timingSafeEqual(a, b) {
  if (!isBytes(a)) throw codeErr(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buf1" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
  if (!isBytes(b)) throw codeErr(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buf2" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
  return h.timingSafeEqual(a, b);
}

// ---- key derivation -----------------------------------------------------

function keyMaterial(name, v) {
  if (v instanceof KeyObject) return v._k;
  if (isCryptoKey(v)) return keyHandle(v);
  if (typeof v === 'string' || isBytes(v)) return v;
  throw argType(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', v);
}
function pbkdf2Args(password, salt, iterations, keylen, digest) {
  password = keyMaterial('password', password);
  salt = keyMaterial('salt', salt);
  checkInt('iterations', iterations, 1, 2147483647);
  checkInt('keylen', keylen, 0, 2147483647);
  checkString('digest', digest);
}
function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  pbkdf2Args(password, salt, iterations, keylen, digest);
  return buf(h.pbkdf2(keyMaterial('password', password), keyMaterial('salt', salt), iterations, keylen, digest, false));
}
function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') { callback = digest; digest = undefined; }
  pbkdf2Args(password, salt, iterations, keylen, digest);
  checkFunction('callback', callback);
  settle(h.pbkdf2(keyMaterial('password', password), keyMaterial('salt', salt), iterations, keylen, digest, true), callback, buf);
}
function scryptArgs(password, salt, keylen, options) {
  var o = options || {};
  var has = function (a, b) { return o[a] !== undefined && o[b] !== undefined; };
  if (has('N', 'cost') || has('r', 'blockSize') || has('p', 'parallelization')) throw codeErr(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "N" cannot be used in combination with option "cost"');
  var N = o.N !== undefined ? o.N : o.cost !== undefined ? o.cost : 16384;
  var r = o.r !== undefined ? o.r : o.blockSize !== undefined ? o.blockSize : 8;
  var p = o.p !== undefined ? o.p : o.parallelization !== undefined ? o.parallelization : 1;
  var maxmem = o.maxmem !== undefined ? o.maxmem : 32 << 20;
  checkInt('keylen', keylen, 0, 2147483647);
  checkInt('N', N, 0, 4294967295); checkInt('r', r, 0, 4294967295); checkInt('p', p, 0, 4294967295);
  if (typeof maxmem !== 'number') throw argType('maxmem', 'of type number', maxmem);
  return [keyMaterial('password', password), keyMaterial('salt', salt), keylen, N, r, p, maxmem];
}
function scryptSync(password, salt, keylen, options) {
  var a = scryptArgs(password, salt, keylen, options);
  return buf(h.scrypt(a[0], a[1], a[2], a[3], a[4], a[5], a[6], false));
}
function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  checkFunction('callback', callback);
  var a = scryptArgs(password, salt, keylen, options);
  settle(h.scrypt(a[0], a[1], a[2], a[3], a[4], a[5], a[6], true), callback, buf);
}
function hkdfArgs(digest, ikm, salt, info, keylen) {
  checkString('digest', digest);
  checkInt('keylen', keylen, 0, 2147483647);
  info = keyMaterial('info', info);
  var infoLen = typeof info === 'string' ? new Uint8Array(h.decode(info, 'utf8')).length : info.byteLength;
  if (infoLen > 1024) throw codeErr(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "info" is out of range. It must be <= 1024. Received ' + infoLen);
  return [digest, keyMaterial('ikm', ikm), keyMaterial('salt', salt), info, keylen];
}
function hkdfSync(digest, ikm, salt, info, keylen) {
  var a = hkdfArgs(digest, ikm, salt, info, keylen);
  return h.hkdf(a[0], a[1], a[2], a[3], a[4], false);
}
function hkdf(digest, ikm, salt, info, keylen, callback) {
  var a = hkdfArgs(digest, ikm, salt, info, keylen);
  checkFunction('callback', callback);
  settle(h.hkdf(a[0], a[1], a[2], a[3], a[4], true), callback);
}

// ---- ciphers ------------------------------------------------------------

// An output decoder, as Node's ciphers use a StringDecoder: base64 is
// emitted in whole 3-byte groups and UTF-8 in whole characters, so that
// update() + final() concatenate to the encoding of the whole output.
function OutDecoder(enc) { this.enc = enc; this.rest = null; }
OutDecoder.prototype.write = function (ab, final) {
  var b = new Uint8Array(ab);
  if (this.rest) { var c = new Uint8Array(this.rest.length + b.length); c.set(this.rest); c.set(b, this.rest.length); b = c; this.rest = null; }
  var e = String(this.enc).toLowerCase();
  var keep = 0;
  if (!final) {
    if (e === 'base64' || e === 'base64url') keep = b.length % 3;
    else if (e === 'utf8' || e === 'utf-8') {
      for (var i = b.length - 1, n = 0; i >= 0 && n < 4; i--, n++) {
        var x = b[i];
        if ((x & 0xc0) !== 0x80) { var need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1; if (need > n + 1) keep = n + 1; break; }
      }
    }
  }
  if (keep) { this.rest = b.slice(b.length - keep); b = b.subarray(0, b.length - keep); }
  return h.encode(b, this.enc);
};

function Cipheriv(cipher, key, iv, options) {
  if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
  initCipher(this, cipher, key, iv, options, false);
}
function initCipher(self, cipher, key, iv, options, decrypt) {
  checkString('cipher', cipher);
  if (key instanceof KeyObject) key = key._k;
  else if (isCryptoKey(key)) key = keyHandle(key);
  else if (typeof key !== 'string' && !isBytes(key)) throw argType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
  if (iv !== null && iv !== undefined && typeof iv !== 'string' && !isBytes(iv)) throw argType('iv', 'of type string or an instance of Buffer, TypedArray, or DataView', iv);
  self._c = h.cipherNew(cipher, key, iv, decrypt, options && options.authTagLength);
  self._dec = null;
}
Cipheriv.prototype.update = function (data, inputEncoding, outputEncoding) {
  if (typeof data === 'string') { if (inputEncoding === 'buffer') inputEncoding = 'utf8'; }
  else checkData('data', data);
  var r = h.cipherUpdate(this._c, data, inputEncoding);
  if (outputEncoding && outputEncoding !== 'buffer') {
    if (!this._dec) this._dec = new OutDecoder(outputEncoding);
    return this._dec.write(r, false);
  }
  return buf(r);
};
Cipheriv.prototype.final = function (outputEncoding) {
  var r = h.cipherFinal(this._c);
  if (outputEncoding && outputEncoding !== 'buffer') {
    if (!this._dec) this._dec = new OutDecoder(outputEncoding);
    return this._dec.write(r, true);
  }
  return buf(r);
};
Cipheriv.prototype.setAAD = function (aadbuf, options) {
  if (!isBytes(aadbuf)) throw argType('buffer', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', aadbuf);
  if (!h.cipherSetAAD(this._c, aadbuf)) throw codeErr(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAAD');
  return this;
};
Cipheriv.prototype.setAutoPadding = function (ap) {
  if (!h.cipherSetAutoPadding(this._c, ap === undefined ? true : !!ap)) throw codeErr(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAutoPadding');
  return this;
};
Cipheriv.prototype.getAuthTag = function () { return buf(h.cipherGetAuthTag(this._c)); };
function Decipheriv(cipher, key, iv, options) {
  if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
  initCipher(this, cipher, key, iv, options, true);
}
Decipheriv.prototype.update = Cipheriv.prototype.update;
Decipheriv.prototype.final = Cipheriv.prototype.final;
Decipheriv.prototype.setAAD = Cipheriv.prototype.setAAD;
Decipheriv.prototype.setAutoPadding = Cipheriv.prototype.setAutoPadding;
Decipheriv.prototype.setAuthTag = function (tag) {
  if (typeof tag === 'string') tag = new Uint8Array(h.decode(tag, 'utf8'));
  if (!isBytes(tag)) throw argType('buffer', 'an instance of Buffer, TypedArray, or DataView', tag);
  h.cipherSetAuthTag(this._c, tag);
  return this;
};
function createCipheriv(cipher, key, iv, options) { return new Cipheriv(cipher, key, iv, options); }
function createDecipheriv(cipher, key, iv, options) { return new Decipheriv(cipher, key, iv, options); }
function getCipherInfo(nameOrNid) { return typeof nameOrNid === 'string' ? h.cipherInfo(nameOrNid) : undefined; }

// ---- keys ---------------------------------------------------------------

var kHandle = typeof Symbol === 'function' ? Symbol('kHandle') : '_k';
function KeyObject(type, handle) {
  if (type !== 'secret' && type !== 'public' && type !== 'private') throw codeErr(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'type' is invalid. Received '" + type + "'");
  Object.defineProperty(this, '_k', { value: handle });
  Object.defineProperty(this, '_type', { value: type });
}
Object.defineProperty(KeyObject.prototype, 'type', { get: function () { return this._type; }, configurable: true });
Object.defineProperty(KeyObject.prototype, 'symmetricKeySize', {
  get: function () { return this._type === 'secret' ? h.keyInfo(this._k).size : undefined; }, configurable: true,
});
Object.defineProperty(KeyObject.prototype, 'asymmetricKeyType', {
  get: function () { return this._type === 'secret' ? undefined : h.keyInfo(this._k).asymmetricKeyType; }, configurable: true,
});
Object.defineProperty(KeyObject.prototype, 'asymmetricKeyDetails', {
  get: function () {
    if (this._type === 'secret') return undefined;
    var i = h.keyInfo(this._k);
    if (i.asymmetricKeyType === 'rsa') return { modulusLength: i.modulusLength, publicExponent: BigInt(i.publicExponent) };
    if (i.asymmetricKeyType === 'ec') return { namedCurve: i.namedCurve };
    return {};
  }, configurable: true,
});
KeyObject.prototype.export = function (options) {
  if (this._type === 'secret') {
    if (options && options.format === 'jwk') return JSON.parse(h.keyExport(this._k, 'jwk'));
    return buf(h.keyExport(this._k, 'buffer'));
  }
  if (options === undefined || options === null || typeof options !== 'object') throw argType('options', 'of type object', options);
  if (options.format === 'jwk') return JSON.parse(h.keyExport(this._k, 'jwk'));
  if (options.cipher !== undefined || options.passphrase !== undefined) throw codeErr(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'Encrypted key export is not supported in Tarsus functions');
  var fmt = options.format === undefined ? 'pem' : options.format;
  if (fmt !== 'pem' && fmt !== 'der') throw codeErr(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.format' must be one of: 'pem', 'der', 'jwk'. Received " + received(fmt).slice(10));
  var type = options.type;
  if (this._type === 'public' && type !== 'spki' && type !== 'pkcs1') throw codeErr(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.type' must be one of: 'pkcs1', 'spki'." + received(type));
  if (this._type === 'private' && type !== 'pkcs8' && type !== 'pkcs1' && type !== 'sec1') throw codeErr(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.type' must be one of: 'pkcs1', 'pkcs8', 'sec1'." + received(type));
  var r = h.keyExport(this._k, fmt, type);
  return fmt === 'pem' ? r : buf(r);
};
KeyObject.prototype.equals = function (other) {
  if (!(other instanceof KeyObject)) throw argType('otherKeyObject', 'an instance of KeyObject', other);
  return h.keyEquals(this._k, other._k);
};
KeyObject.from = function (key) {
  if (!isCryptoKey(key)) throw argType('key', 'an instance of CryptoKey', key);
  return wrapKey(keyHandle(key));
};
function SecretKeyObject(handle) { KeyObject.call(this, 'secret', handle); }
SecretKeyObject.prototype = Object.create(KeyObject.prototype, { constructor: { value: SecretKeyObject } });
function PublicKeyObject(handle) { KeyObject.call(this, 'public', handle); }
PublicKeyObject.prototype = Object.create(KeyObject.prototype, { constructor: { value: PublicKeyObject } });
function PrivateKeyObject(handle) { KeyObject.call(this, 'private', handle); }
PrivateKeyObject.prototype = Object.create(KeyObject.prototype, { constructor: { value: PrivateKeyObject } });
function wrapKey(handle) {
  var t = h.keyInfo(handle).type;
  return t === 'secret' ? new SecretKeyObject(handle) : t === 'public' ? new PublicKeyObject(handle) : new PrivateKeyObject(handle);
}

var web; // internal/webcrypto, loaded when a CryptoKey is first met
function webcryptoModule() { return web || (web = require('internal/webcrypto')); }
function isCryptoKey(v) {
  if (v === null || typeof v !== 'object') return false;
  if (!web && !(v.constructor && v.constructor.name === 'CryptoKey')) return false;
  return webcryptoModule().isCryptoKey(v);
}
function keyHandle(k) { return webcryptoModule().keyHandle(k); }

function createSecretKey(key, encoding) {
  if (typeof key === 'string') key = new Uint8Array(h.decode(key, encoding));
  else if (!isBytes(key)) throw argType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', key);
  return new SecretKeyObject(h.secretKey(key));
}
// importAsym reads createPublicKey's and createPrivateKey's argument.
function importAsym(kind, key) {
  if (key instanceof KeyObject) {
    if (kind === 'public' && key.type === 'private') return new PublicKeyObject(h.keyPublic(key._k));
    if (key.type === 'secret') throw argType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', key);
    throw codeErr(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type ' + key.type + ', expected ' + kind + '.');
  }
  if (isCryptoKey(key)) {
    var k = keyHandle(key);
    return kind === 'public' ? new PublicKeyObject(h.keyPublic(k)) : new PrivateKeyObject(k);
  }
  var data = key, format = 'pem', type, encoding;
  if (typeof key === 'object' && key !== null && !isBytes(key)) {
    data = key.key; format = key.format || 'pem'; type = key.type; encoding = key.encoding;
    if (data instanceof KeyObject || isCryptoKey(data)) return importAsym(kind, data);
    if (key.passphrase !== undefined && format !== 'jwk') throw codeErr(TypeError, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'Encrypted keys are not supported in Tarsus functions');
  }
  if (format === 'jwk') {
    if (data === null || typeof data !== 'object') throw argType('key.key', 'of type object', data);
    data = JSON.stringify(data);
  } else if (typeof data === 'string') {
    if (encoding && encoding !== 'utf8' && encoding !== 'utf-8') data = new Uint8Array(h.decode(data, encoding));
  } else if (!isBytes(data)) {
    throw argType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', data);
  }
  if (format === 'der' && type === undefined) throw codeErr(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.type' is invalid. Received undefined");
  var handle = h.keyImport(kind, format, data, type);
  var info = h.keyInfo(handle);
  return info.type === 'private' ? new PrivateKeyObject(handle) : new PublicKeyObject(handle);
}
function createPublicKey(key) { return importAsym('public', key); }
function createPrivateKey(key) { return importAsym('private', key); }

function encodePair(pair, options) {
  var priv = new PrivateKeyObject(pair[0]), pub = new PublicKeyObject(pair[1]);
  var o = options || {};
  return {
    publicKey: o.publicKeyEncoding ? pub.export(o.publicKeyEncoding) : pub,
    privateKey: o.privateKeyEncoding ? priv.export(o.privateKeyEncoding) : priv,
  };
}
function keyGenType(type) {
  checkString('type', type);
  if (type !== 'rsa' && type !== 'ec' && type !== 'ed25519' && type !== 'x25519') {
    throw codeErr(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'type' must be a supported key type. Received '" + type + "'");
  }
}
function generateKeyPairSync(type, options) {
  keyGenType(type);
  return encodePair(h.keyGen(type, options, false), options);
}
function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  checkFunction('callback', callback);
  keyGenType(type);
  h.keyGen(type, options, true).then(function (pair) {
    var r;
    try { r = encodePair(pair, options); } catch (e) { callback(e); return; }
    callback(null, r.publicKey, r.privateKey);
  }, function (e) { callback(e); });
}
function generateKeySync(type, options) {
  checkString('type', type);
  var len = options && options.length;
  if (type === 'hmac') checkInt('options.length', len, 8, 2147483647);
  else if (type === 'aes') { if (len !== 128 && len !== 192 && len !== 256) throw codeErr(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.length' must be one of: 128, 192, 256. Received " + inspected(len)); }
  else throw codeErr(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'type' must be one of: 'aes', 'hmac'. Received " + inspected(type));
  return new SecretKeyObject(h.secretKey(new Uint8Array(h.randomBytes(len >> 3))));
}
function generateKey(type, options, callback) {
  checkFunction('callback', callback);
  var k = generateKeySync(type, options);
  later(callback, null, k);
}

// ---- signatures ---------------------------------------------------------

// signKey reads sign's and verify's key argument: the key and its options.
function signKey(key, kind) {
  var opts = {};
  if (key !== null && typeof key === 'object' && !(key instanceof KeyObject) && !isCryptoKey(key) && !isBytes(key)) {
    opts.padding = key.padding; opts.saltLength = key.saltLength; opts.dsaEncoding = key.dsaEncoding;
    if (opts.dsaEncoding !== undefined && opts.dsaEncoding !== 'der' && opts.dsaEncoding !== 'ieee-p1363') {
      throw codeErr(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.dsaEncoding' is invalid." + received(opts.dsaEncoding));
    }
    if (key.key instanceof KeyObject || isCryptoKey(key.key)) key = key.key;
  }
  var ko;
  if (key instanceof KeyObject) {
    if (kind === 'private' && key.type !== 'private') throw codeErr(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type ' + key.type + ', expected private.');
    if (key.type === 'secret') throw codeErr(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type secret, expected ' + kind + '.');
    ko = key;
  } else if (isCryptoKey(key)) {
    ko = wrapKey(keyHandle(key));
  } else {
    ko = importAsym(kind, key);
  }
  return { k: ko._k, opts: opts };
}
function signOpts(algorithm, o) {
  return { hash: algorithm === null || algorithm === undefined ? undefined : algorithm, padding: o.padding, saltLength: o.saltLength, dsaEncoding: o.dsaEncoding };
}
function sign(algorithm, data, key, callback) {
  if (algorithm !== null && algorithm !== undefined) checkString('algorithm', algorithm);
  if (callback !== undefined) checkFunction('callback', callback);
  if (typeof data !== 'string' && !isView(data)) throw argType('data', 'an instance of Buffer, TypedArray, or DataView', data);
  var sk = signKey(key, 'private');
  if (callback === undefined) return buf(h.sign(sk.k, data, signOpts(algorithm, sk.opts), false));
  settle(h.sign(sk.k, data, signOpts(algorithm, sk.opts), true), callback, buf);
}
function verify(algorithm, data, key, signature, callback) {
  if (algorithm !== null && algorithm !== undefined) checkString('algorithm', algorithm);
  if (callback !== undefined) checkFunction('callback', callback);
  if (typeof data !== 'string' && !isView(data)) throw argType('data', 'an instance of Buffer, TypedArray, or DataView', data);
  if (typeof signature !== 'string' && !isView(signature)) throw argType('signature', 'an instance of Buffer, TypedArray, or DataView', signature);
  var vk = signKey(key, 'public');
  if (callback === undefined) return h.verify(vk.k, data, signature, signOpts(algorithm, vk.opts), false);
  settle(h.verify(vk.k, data, signature, signOpts(algorithm, vk.opts), true), callback);
}

// Sign and Verify collect their data in a hash-free buffer list (the
// signature hashes it): the total stays within the typed-array limit.
function Sign(algorithm, options) {
  if (!(this instanceof Sign)) return new Sign(algorithm, options);
  initSign(this, algorithm);
}
function initSign(self, algorithm) {
  checkString('algorithm', algorithm);
  h.hashSize(algorithm.replace(/^rsa-/i, '')); // throws for an unknown digest
  self._alg = algorithm; self._parts = []; self._n = 0;
}
Sign.prototype.update = function (data, encoding) {
  checkData('data', data);
  var b = typeof data === 'string' ? new Uint8Array(h.decode(data, encoding)) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  this._parts.push(b); this._n += b.length;
  return this;
};
Sign.prototype._data = function () {
  var all = new Uint8Array(this._n), off = 0;
  for (var i = 0; i < this._parts.length; i++) { all.set(this._parts[i], off); off += this._parts[i].length; }
  return all;
};
Sign.prototype.sign = function (privateKey, outputEncoding) {
  var sk = signKey(privateKey, 'private');
  return out(h.sign(sk.k, this._data(), signOpts(this._alg.replace(/^rsa-/i, ''), sk.opts), false), outputEncoding);
};
function Verify(algorithm, options) {
  if (!(this instanceof Verify)) return new Verify(algorithm, options);
  initSign(this, algorithm);
}
Verify.prototype.update = Sign.prototype.update;
Verify.prototype._data = Sign.prototype._data;
Verify.prototype.verify = function (object, signature, signatureEncoding) {
  var vk = signKey(object, 'public');
  if (typeof signature === 'string') signature = new Uint8Array(h.decode(signature, signatureEncoding));
  else if (!isBytes(signature)) throw argType('signature', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', signature);
  return h.verify(vk.k, this._data(), signature, signOpts(this._alg.replace(/^rsa-/i, ''), vk.opts), false);
};
function createSign(algorithm, options) { return new Sign(algorithm, options); }
function createVerify(algorithm, options) { return new Verify(algorithm, options); }

// ---- RSA encryption, Diffie-Hellman -------------------------------------

function rsaArgs(key, kind) {
  var o = key !== null && typeof key === 'object' && !(key instanceof KeyObject) && !isCryptoKey(key) && !isBytes(key) ? key : {};
  var k = signKey(key, kind).k;
  return { k: k, padding: o.padding === undefined ? 4 : o.padding, hash: o.oaepHash, label: o.oaepLabel };
}
function publicEncrypt(key, buffer) {
  var a = rsaArgs(key, 'public');
  return buf(h.rsaCrypt(a.k, checkData('buffer', buffer), false, a.padding, a.hash, a.label, false));
}
function privateDecrypt(key, buffer) {
  var a = rsaArgs(key, 'private');
  return buf(h.rsaCrypt(a.k, checkData('buffer', buffer), true, a.padding, a.hash, a.label, false));
}
function diffieHellman(options) {
  if (options === null || typeof options !== 'object') throw argType('options', 'of type object', options);
  if (!(options.privateKey instanceof KeyObject)) throw argType('options.privateKey', 'an instance of KeyObject', options.privateKey);
  if (!(options.publicKey instanceof KeyObject)) throw argType('options.publicKey', 'an instance of KeyObject', options.publicKey);
  return buf(h.ecdh(options.privateKey._k, options.publicKey._k, false));
}

var constants = {
  RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_X931_PADDING: 5, RSA_PKCS1_PSS_PADDING: 6,
  RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
  POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6,
  defaultCoreCipherList: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256',
  defaultCipherList: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256',
};

function unsupported(name) {
  return function () { throw codeErr(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'crypto.' + name + ' is not available in Tarsus functions'); };
}

module.exports = {
  createHash: createHash, createHmac: createHmac, hash: hash, Hash: Hash, Hmac: Hmac,
  getHashes: function () { return h.hashes(); },
  getCiphers: function () { return h.ciphers(); },
  getCurves: function () { return ['prime256v1', 'secp384r1', 'secp521r1']; },
  getCipherInfo: getCipherInfo,
  randomBytes: randomBytes, pseudoRandomBytes: randomBytes, prng: randomBytes, rng: randomBytes,
  randomFillSync: randomFillSync, randomFill: randomFill, randomInt: randomInt, randomUUID: randomUUID,
  timingSafeEqual: timingSafeEqual,
  pbkdf2: pbkdf2, pbkdf2Sync: pbkdf2Sync, scrypt: scrypt, scryptSync: scryptSync, hkdf: hkdf, hkdfSync: hkdfSync,
  createCipheriv: createCipheriv, createDecipheriv: createDecipheriv, Cipheriv: Cipheriv, Decipheriv: Decipheriv,
  KeyObject: KeyObject, createSecretKey: createSecretKey, createPublicKey: createPublicKey, createPrivateKey: createPrivateKey,
  generateKeyPair: generateKeyPair, generateKeyPairSync: generateKeyPairSync, generateKey: generateKey, generateKeySync: generateKeySync,
  sign: sign, verify: verify, createSign: createSign, createVerify: createVerify, Sign: Sign, Verify: Verify,
  publicEncrypt: publicEncrypt, privateDecrypt: privateDecrypt, diffieHellman: diffieHellman,
  privateEncrypt: unsupported('privateEncrypt'), publicDecrypt: unsupported('publicDecrypt'),
  createECDH: unsupported('createECDH'), createDiffieHellman: unsupported('createDiffieHellman'),
  getDiffieHellman: unsupported('getDiffieHellman'), createCipher: unsupported('createCipher'), createDecipher: unsupported('createDecipher'),
  constants: constants,
  getFips: function () { return 0; }, setFips: unsupported('setFips'),
};
// webcrypto, subtle and getRandomValues are the global crypto's, made on
// first read.
Object.defineProperty(module.exports, 'webcrypto', { enumerable: true, configurable: true, get: function () { webcryptoModule(); return globalThis.crypto; } });
Object.defineProperty(module.exports, 'subtle', { enumerable: true, configurable: true, get: function () { return webcryptoModule().subtle; } });
module.exports.getRandomValues = function getRandomValues(a) { return globalThis.crypto.getRandomValues(a); };
// For internal/webcrypto: KeyObject.from and CryptoKey share handles.
Object.defineProperty(module.exports, '_wrapKey', { value: wrapKey });
