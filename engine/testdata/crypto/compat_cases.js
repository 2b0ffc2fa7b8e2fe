// Cases run under node 20 and in a function (crypto_test.go); each answers
// a Buffer's bytes as hex, a value, or an error's name, code and message.
// Test keys, made once for these cases:
const KEYS = {"ed25519":"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIMhTIJog4p4MZTvxXa02i2ZYVBv5+Oz/tkRvjRXghva5\n-----END PRIVATE KEY-----\n","rsa":"-----BEGIN PRIVATE KEY-----\nMIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQD0kkCVgL8SOfrT\nQ7V8Wv8ZPdv1JxfcyFYs3l/S3mSvv+i6k583dZdVVYJNd4eQWaIe6crWze6bGbwx\ngwHrAE6l1x+eSZLVaAClGEkO4MAEk8AYF+GmqgCOSoFHEMPjIif6hDjmXsWgKZIp\nTQKY9saHufCrqx56zUxhyOrv8Vw6MRO7tBdBy8k5e5FGvp1zQAYrEg04QTuDPoRv\noRaibelOtplpRcdtBd5joMVtLOsOS/ZlgpVQxPBldPUEfkRyoTw4ZYy+MY7GQu4d\nzHEyUa+8dKYgaTloShBXb30NXLBWl+mzKOwQ6ycZswB2bGGHantpErLFQjijKGpL\nXb470BjTAgMBAAECggEAGPgxldHuMAsxW45nIgocT1Rsd4wFOKpPegc+G0ZPW04p\nkZruv3fG+pRfWE9izM8J6UQPTHz75mPrPdbVREvku7PJ65wxXI5gunpPQzCZCh6X\nlx4hEKX8popexoWkqjTbhg0nzgVRAfgcjxDoufs/662FL9Gpq/n32Wfs7JBkzR/w\nfuNXpXLOITZAoXyXZhLNXglXFeL25mlQaZPKUvksD2JOKhoTNQ+vj9RRNK2wKe2H\nn3gw/ph5q483aJgLsrYvK27K/s9NtcUfRQWjVeM31oUOET0F/08gkgmE6SpOchQs\nGRYHFFViPfWEvarYcdYWxGlhVW50w2NBeg6ws2dn0QKBgQD672ijxQnek5morzvF\nt77uzC4aGAIuQxGaXF6hSC0G++US3tMk9XL4qL9QUMoLSzlIb3daBy6gfXl6JZAp\nSARxHWfYuNvcrZVO8izVu6iWUTN4RuXl+Sb4YDXrPCyq/8CBhB7DVIxdAbXteRhA\noaxauxeWc/PPsE3K4o506IhRmQKBgQD5gfYImI40acyQt8GOSQ9Tj3Q5jfmeDT4j\nZLVID7QL5CfR5etLw5AeaYFsMkZz4ewrJiTsv0INfCF5RWmF2HjVTB5mQLQQZ8TO\nVwOk+GFVWD5JgCvuJXFg/5m4R+awzq/99pAGmAFV7BMpcPecVmYk3n1INZ0kbiqX\njdbfCNJZSwKBgQCtHNS3hotUfccX1CwMLsMNwtZbMgzvFV3je63c3goSM1zJM+e+\nK4ZxfRjes51vRSnzitJvzVyhY26WkatujzxhPMQTgxRKnYXPvMqpeJjJeqNjaqXX\njZcQ6m7IJe862M1ZjGgcoQtkbnWvqkbM77wTq9aN+NhOg3ZnbPySMok4oQKBgQCV\nPUcMnTNx5laVuVPs54ZjVMsQIfvMrd8dDH/iOoJXGoE2629yQedSSYlATlIVvmyk\n4ovzj/LSXg0nnH0hsfmUm5MTVmBd77OoOCPV6TtO8RlQnXmpWHwYqMopj9hMqVRb\nc79yMjmaSzqq7wcsXAF8zBfjuS3lPH/9Zrm/bmdjQQKBgQCSLxmNXsUxcZxYZmAr\nv/JYJzAat7F98GI2/9H2MS2BdB1IQKNlBmfCaCBMpGyb62oEaXIDFAxZOyasBA2r\nMY4XaEznyC95EgfYzTjAlmyJnB/SpGNyKqxC4RLvxnq+gsSSk8Os/oq0EmxwW8yM\ngPsAnMiMeyDDJlYjd0Gk79hj9Q==\n-----END PRIVATE KEY-----\n","p256":"-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIN5eSlE8U1gibRCcDtgyTKyeYTzpHvm8oECaS6HE4M/XoAoGCCqGSM49\nAwEHoUQDQgAEa5WmrbHMoipRPNlByN8id1xMUqvjaKeR+8UW8b5D8xjAjaQ5ful9\nVksdGGQTatirwpI4f3DTxZaC9UkID2SFZw==\n-----END EC PRIVATE KEY-----\n"};
const crypto = require('crypto');
const msg = Buffer.from('hello, world');
const edKey = crypto.createPrivateKey(KEYS.ed25519);
const rsaKey = crypto.createPrivateKey(KEYS.rsa);
const ecKey = crypto.createPrivateKey(KEYS.p256);
const cases = [
  // hashes
  () => ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-256', 'sha3-256', 'SHA256', 'RSA-SHA1'].map((a) => crypto.createHash(a).update('abc').digest('hex')),
  () => ['hex', 'base64', 'base64url', 'latin1', 'binary', undefined, 'buffer'].map((e) => { const d = crypto.createHash('sha1').update('x').digest(e); return typeof d === 'string' ? d : [d instanceof Buffer, d.toString('hex')]; }),
  () => crypto.createHash('sha256').update(new Uint8Array([1, 2, 3])).update(new DataView(new ArrayBuffer(4))).digest('hex'),
  () => crypto.createHash('sha256').update('caf\u00e9', 'latin1').update('6162', 'hex').update('YWJj', 'base64').digest('hex'),
  () => { const h = crypto.createHash('sha256').update('a'); const c = h.copy(); c.update('b'); return [h.digest('hex'), c.digest('hex')]; },
  () => { const h = crypto.createHash('sha256'); h.digest(); return h.digest(); },
  () => { const h = crypto.createHash('sha256'); h.digest(); return h.update('x'); },
  () => crypto.createHash('nope'),
  () => crypto.createHash(),
  () => crypto.createHash('sha256').update(42),
  () => crypto.Hash('sha256') instanceof crypto.Hash,
  () => [crypto.hash('sha1', 'abc'), crypto.hash('sha256', 'abc', 'base64'), crypto.hash('md5', Buffer.from('abc'), 'buffer').toString('hex')],
  () => crypto.getHashes().includes('sha256') && crypto.getCiphers().includes('aes-256-gcm'),
  // HMAC
  () => crypto.createHmac('sha256', 'key').update('data').digest('hex'),
  () => crypto.createHmac('sha512', crypto.createSecretKey(Buffer.from('key'))).update('data').digest('base64'),
  () => { const h = crypto.createHmac('sha1', 'k').update('d'); return [h.digest('hex'), h.digest('hex')]; },
  () => crypto.createHmac('sha256', null),
  () => crypto.createHmac(null),
  // random
  () => [crypto.randomBytes(16).length, crypto.randomBytes(0).length, crypto.randomBytes(1) instanceof Buffer],
  () => crypto.randomBytes(-1),
  () => crypto.randomBytes('10'),
  () => { const n = crypto.randomInt(10); return n >= 0 && n < 10 && Number.isInteger(n); },
  () => { const n = crypto.randomInt(-5, -3); return n === -5 || n === -4; },
  () => crypto.randomInt(10, 5),
  () => crypto.randomInt(0, 2 ** 48 + 1),
  () => crypto.randomInt(1.5),
  () => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
  () => { const b = Buffer.alloc(8); crypto.randomFillSync(b, 2, 3); return [b[0], b[1], b[5], b[6], b[7]]; },
  () => crypto.randomFillSync(Buffer.alloc(4), 5),
  () => crypto.getRandomValues(new Uint8Array(4)).length,
  // comparison
  () => [crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd'))],
  () => crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('ab')),
  () => crypto.timingSafeEqual('abc', 'abc'),
  // key derivation (RFC 6070, RFC 7914, RFC 5869 inputs)
  () => [1, 2, 4096].map((c) => crypto.pbkdf2Sync('password', 'salt', c, 20, 'sha1').toString('hex')),
  () => crypto.pbkdf2Sync('passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 4096, 25, 'sha1').toString('hex'),
  () => crypto.pbkdf2Sync('pw', 'salt', 1000, 64, 'sha512').toString('base64'),
  () => crypto.pbkdf2Sync('pw', 'salt', 0, 32, 'sha256'),
  () => crypto.pbkdf2Sync('pw', 'salt', 1, 32, 'nope'),
  () => crypto.pbkdf2Sync('pw', 'salt', 1, 32),
  () => crypto.scryptSync('', '', 64, { N: 16, r: 1, p: 1 }).toString('hex'),
  () => crypto.scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }).toString('hex'),
  () => crypto.scryptSync('pw', 'salt', 32, { cost: 1024, blockSize: 8, parallelization: 1 }).toString('hex'),
  () => crypto.scryptSync('pw', 'salt', 32, { N: 1000 }),
  () => crypto.scryptSync('pw', 'salt', 32, { N: 2 ** 16, r: 8, maxmem: 1024 }),
  () => Buffer.from(crypto.hkdfSync('sha256', Buffer.from('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b', 'hex'), Buffer.from('000102030405060708090a0b0c', 'hex'), Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'), 42)).toString('hex'),
  () => crypto.hkdfSync('sha256', 'k', 's', 'i', 255 * 32 + 1),
  // ciphers
  () => { const c = crypto.createCipheriv('aes-128-cbc', '0123456789abcdef', 'fedcba9876543210'); return c.update('hello world, this is long', 'utf8', 'hex') + c.final('hex'); },
  () => { const c = crypto.createCipheriv('aes-128-cbc', Buffer.alloc(16, 1), Buffer.alloc(16, 2)); c.setAutoPadding(false); c.update('abc'); return c.final(); },
  () => { const d = crypto.createDecipheriv('aes-128-cbc', Buffer.alloc(16, 1), Buffer.alloc(16, 2)); d.update(Buffer.alloc(16, 7)); return d.final(); },
  () => { const c = crypto.createCipheriv('aes-256-cbc', Buffer.alloc(32, 1), Buffer.alloc(16, 2)); c.setAutoPadding(false); return Buffer.concat([c.update(Buffer.alloc(32, 3)), c.final()]).toString('base64'); },
  () => { const c = crypto.createCipheriv('aes-192-ctr', Buffer.alloc(24, 5), Buffer.alloc(16, 0xff)); return [c.update('partial ', 'utf8', 'hex'), c.update('blocks of text', 'utf8', 'hex'), c.final('hex')]; },
  () => { const c = crypto.createCipheriv('aes-128-ecb', Buffer.alloc(16, 9), null); return Buffer.concat([c.update('ecb mode'), c.final()]).toString('hex'); },
  () => { const c = crypto.createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12), { authTagLength: 8 }); const ct = Buffer.concat([c.update('x'), c.final()]); return [ct.toString('hex'), c.getAuthTag().toString('hex')]; },
  () => { const c = crypto.createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(16)); c.setAAD(Buffer.from('aad')); const ct = Buffer.concat([c.update('sixteen byte iv!'), c.final()]); return [ct.toString('hex'), c.getAuthTag().toString('hex')]; },
  () => { const d = crypto.createDecipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12)); d.setAuthTag(Buffer.alloc(16)); d.update('00', 'hex'); return d.final(); },
  () => crypto.createDecipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12)).setAuthTag(Buffer.alloc(3)),
  () => crypto.createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12)).getAuthTag(),
  () => crypto.createCipheriv('aes-256-gcm', Buffer.alloc(16), Buffer.alloc(12)),
  () => crypto.createCipheriv('aes-128-cbc', Buffer.alloc(16), Buffer.alloc(8)),
  () => crypto.createCipheriv('des-ede3', Buffer.alloc(24), null),
  () => crypto.createCipheriv('nope', Buffer.alloc(16), null),
  () => { const c = crypto.createCipheriv('aes-128-cbc', Buffer.alloc(16), Buffer.alloc(16)); const r = c.update('abc', 'utf8', 'base64') + c.final('base64'); return [r, c.update === crypto.Cipheriv.prototype.update]; },
  () => { const c = crypto.createCipheriv('aes-128-ctr', Buffer.alloc(16), Buffer.alloc(16)); return [c.update('\u00e9\u00e9\u00e9', 'utf8', 'utf8').length >= 0]; },
  () => crypto.getCipherInfo('aes-256-gcm'),
  () => crypto.getCipherInfo('aes-128-cbc'),
  // keys
  () => { const k = crypto.createSecretKey(Buffer.from('secret')); return [k.type, k.symmetricKeySize, k.export().toString(), k.export({ format: 'jwk' }), k.asymmetricKeyType]; },
  () => crypto.createSecretKey('68656c6c6f', 'hex').export().toString(),
  () => [rsaKey.type, rsaKey.asymmetricKeyType, rsaKey.asymmetricKeyDetails.modulusLength, String(rsaKey.asymmetricKeyDetails.publicExponent), typeof rsaKey.asymmetricKeyDetails.publicExponent, edKey.asymmetricKeyType, ecKey.asymmetricKeyDetails],
  () => { const p = crypto.createPublicKey(rsaKey); return [p.type, p.export({ type: 'pkcs1', format: 'pem' }).split('\n')[0], p.export({ type: 'spki', format: 'der' }).length]; },
  () => crypto.createPublicKey(KEYS.ed25519).export({ format: 'jwk' }),
  () => crypto.createPrivateKey(KEYS.ed25519).export({ format: 'jwk' }),
  () => ecKey.export({ type: 'sec1', format: 'pem' }) === KEYS.p256,
  () => ecKey.export({ type: 'pkcs8', format: 'der' }).toString('hex'),
  () => crypto.createPrivateKey({ key: ecKey.export({ type: 'pkcs8', format: 'der' }), format: 'der', type: 'pkcs8' }).equals(ecKey),
  () => crypto.createPrivateKey({ key: ecKey.export({ format: 'jwk' }), format: 'jwk' }).equals(ecKey),
  () => crypto.createPublicKey({ key: crypto.createPublicKey(rsaKey).export({ format: 'jwk' }), format: 'jwk' }).export({ type: 'spki', format: 'pem' }) === crypto.createPublicKey(rsaKey).export({ type: 'spki', format: 'pem' }),
  () => edKey.equals(crypto.createPrivateKey(KEYS.ed25519)) && !edKey.equals(crypto.createPublicKey(edKey)),
  () => crypto.createPrivateKey('not a key'),
  () => crypto.createPublicKey({ key: 'x', format: 'der' }),
  () => rsaKey.export({ type: 'sec1', format: 'pem' }),
  () => rsaKey.export(),
  () => crypto.createPrivateKey(crypto.createSecretKey(Buffer.from('x'))),
  () => crypto.generateKeySync('hmac', { length: 64 }).symmetricKeySize,
  () => crypto.generateKeySync('aes', { length: 100 }),
  () => { const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }); return [publicKey.split('\n')[0], privateKey.split('\n')[0], typeof publicKey]; },
  () => { const k = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }); return [k.publicKey.asymmetricKeyDetails.modulusLength, k.privateKey.type]; },
  () => crypto.generateKeyPairSync('dsa', { modulusLength: 1024 }),
  () => crypto.generateKeyPairSync('ec', { namedCurve: 'nope' }),
  // signatures: Ed25519 and RSA PKCS#1 v1.5 are deterministic
  () => crypto.sign(null, msg, edKey).toString('hex'),
  () => crypto.sign('sha256', msg, rsaKey).toString('base64'),
  () => crypto.createSign('RSA-SHA256').update('hello, ').update('world').sign(KEYS.rsa, 'hex'),
  () => crypto.createSign('sha512').update(msg).sign({ key: rsaKey }).length,
  () => crypto.createVerify('sha256').update(msg).verify(crypto.createPublicKey(rsaKey), crypto.sign('sha256', msg, rsaKey)),
  () => crypto.verify(null, msg, crypto.createPublicKey(edKey), crypto.sign(null, msg, edKey)),
  () => crypto.verify('sha256', msg, { key: ecKey, dsaEncoding: 'ieee-p1363' }, crypto.sign('sha256', msg, { key: ecKey, dsaEncoding: 'ieee-p1363' })),
  () => crypto.sign('sha256', msg, { key: ecKey, dsaEncoding: 'ieee-p1363' }).length,
  () => crypto.verify('sha256', msg, { key: rsaKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING }, crypto.sign('sha256', msg, { key: rsaKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 10 })),
  () => crypto.verify('sha256', Buffer.from('other'), crypto.createPublicKey(rsaKey), crypto.sign('sha256', msg, rsaKey)),
  () => crypto.sign('sha256', msg, crypto.createPublicKey(rsaKey)),
  () => crypto.sign('sha256', 'a string', rsaKey),
  () => crypto.privateDecrypt(rsaKey, crypto.publicEncrypt(crypto.createPublicKey(rsaKey), Buffer.from('secret message'))).toString(),
  () => crypto.privateDecrypt({ key: rsaKey, oaepHash: 'sha512', oaepLabel: Buffer.from('l') }, crypto.publicEncrypt({ key: KEYS.rsa, oaepHash: 'sha512', oaepLabel: Buffer.from('l') }, Buffer.from('m'))).toString(),
  () => crypto.diffieHellman({ privateKey: ecKey, publicKey: crypto.createPublicKey(ecKey) }).length,
  () => [crypto.constants.RSA_PKCS1_PSS_PADDING, crypto.constants.RSA_PSS_SALTLEN_DIGEST, crypto.constants.RSA_PKCS1_OAEP_PADDING],
  () => crypto.webcrypto === globalThis.crypto && crypto.subtle === globalThis.crypto.subtle,
  () => typeof crypto.webcrypto.subtle.digest,
];
const out = cases.map((f) => {
  try {
    const r = f();
    return r instanceof Uint8Array ? { hex: Buffer.from(r).toString('hex') } : { val: r === undefined ? '(undefined)' : r };
  } catch (e) {
    return { name: e.name, code: e.code, message: e.message };
  }
});
