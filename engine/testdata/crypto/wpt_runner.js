// A small harness in the manner of WPT's testharness.js (promise_test,
// assert_*), and the checks the WebCryptoAPI digest, HMAC and AES-CTR tests make,
// run over wpt-vectors.json (W). The same file runs under node and in a
// function; it answers every test's name and result.
const subtle = crypto.subtle;
const tests = [];
const promise_test = (fn, name) => tests.push({ fn, name });
const assert_true = (v, msg) => { if (v !== true) throw new Error('assert_true: ' + msg); };
const assert_false = (v, msg) => { if (v !== false) throw new Error('assert_false: ' + msg); };
const assert_equals = (a, b, msg) => { if (a !== b) throw new Error(`assert_equals: ${msg}: got ${a}, want ${b}`); };
const assert_unreached = (msg) => { throw new Error('assert_unreached: ' + msg); };
const equalBuffers = (a, b) => {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a), y = new Uint8Array(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
};
const copyBuffer = (b) => new Uint8Array(b);
const rejectsWith = async (p, name, msg) => {
  try { await p; } catch (e) { assert_equals(e.name, name, msg); return; }
  assert_unreached(msg + ': did not reject');
};

// ---- digest ----
const D = W.digest;
const source = {};
for (const k in D.source) source[k] = new Uint8Array(D.source[k]);
source.long = new Uint8Array(source.medium.length * D.longIsMediumTimes);
for (let i = 0; i < D.longIsMediumTimes; i++) source.long.set(source.medium, i * source.medium.length);
for (const size of Object.keys(source)) {
  for (const alg of Object.keys(D.digested)) {
    const want = new Uint8Array(D.digested[alg][size]);
    const up = alg.toUpperCase(), down = alg.toLowerCase(), mixed = up[0] + down.slice(1);
    for (const name of [up, down, mixed]) {
      promise_test(async () => assert_true(equalBuffers(await subtle.digest({ name }, source[size]), want), 'digest'), `${name} with ${size} source data`);
    }
    if (source[size].length > 0) {
      promise_test(async () => {
        const b = copyBuffer(source[size]);
        b[0] = 255 - b[0];
        const r = await subtle.digest({ get name() { b[0] = 255 - b[0]; return up; } }, b);
        assert_true(equalBuffers(r, want), 'digest');
      }, `${up} with ${size} source data and altered buffer during call`);
      promise_test(async () => {
        const b = copyBuffer(source[size]);
        const p = subtle.digest({ name: up }, b);
        b[0] = 255 - b[0];
        assert_true(equalBuffers(await p, want), 'digest');
      }, `${up} with ${size} source data and altered buffer after call`);
      promise_test(async () => {
        const b = copyBuffer(source[size]);
        b.buffer.transfer();
        assert_true(equalBuffers(await subtle.digest({ name: up }, b), new Uint8Array(D.digested[alg].empty)), 'transferred');
      }, `${up} with ${size} source data and transferred buffer during call`);
      promise_test(async () => {
        const b = copyBuffer(source[size]);
        const p = subtle.digest({ name: up }, b);
        b.buffer.transfer();
        assert_true(equalBuffers(await p, want), 'digest');
      }, `${up} with ${size} source data and transferred buffer after call`);
    }
  }
  for (const bad of D.badNames) {
    promise_test(() => rejectsWith(subtle.digest({ name: bad }, source[size]), 'NotSupportedError', 'bad name'), `${bad} with ${size}`);
  }
  promise_test(() => rejectsWith(subtle.digest({}, source[size]), 'TypeError', 'missing name'), `empty algorithm object with ${size}`);
}

// ---- HMAC ----
const H = W.hmac;
const plaintext = new Uint8Array(H.plaintext);
for (const hash of Object.keys(H.raw)) {
  const raw = new Uint8Array(H.raw[hash]), sig = new Uint8Array(H.signatures[hash]);
  const alg = { name: 'HMAC', hash };
  const key = (usages) => subtle.importKey('raw', raw, alg, false, usages || ['sign', 'verify']);
  promise_test(async () => assert_true(await subtle.verify('HMAC', await key(), sig, plaintext), 'verify'), `HMAC with ${hash} verification`);
  promise_test(async () => {
    const s = copyBuffer(sig), k = await key();
    s[0] = 255 - s[0];
    const p = subtle.verify({ get name() { s[0] = sig[0]; return 'HMAC'; } }, k, s, plaintext);
    assert_true(await p, 'altered signature during call');
  }, `HMAC with ${hash} verification with altered signature during call`);
  promise_test(async () => {
    const s = copyBuffer(sig), k = await key();
    const p = subtle.verify('HMAC', k, s, plaintext);
    s[0] = 255 - s[0];
    assert_true(await p, 'altered after call');
  }, `HMAC with ${hash} verification with altered signature after call`);
  promise_test(async () => {
    const t = copyBuffer(plaintext), k = await key();
    const p = subtle.verify('HMAC', k, sig, t);
    t[0] = 255 - t[0];
    assert_true(await p, 'altered plaintext after call');
  }, `HMAC with ${hash} with altered plaintext after call`);
  promise_test(async () => rejectsWith(subtle.verify('HMAC', await key(['sign']), sig, plaintext), 'InvalidAccessError', 'verify without usage'), `HMAC with ${hash} verifying with wrong usage`);
  promise_test(async () => {
    const r = await subtle.sign('HMAC', await key(), plaintext);
    assert_true(equalBuffers(r, sig), 'signature matches');
  }, `HMAC with ${hash} signing`);
  promise_test(async () => {
    const k = await key();
    const r = await subtle.sign('HMAC', k, plaintext);
    assert_true(await subtle.verify('HMAC', k, r, plaintext), 'round trip');
  }, `HMAC with ${hash} round trip`);
  promise_test(async () => rejectsWith(subtle.sign('HMAC', await key(['verify']), plaintext), 'InvalidAccessError', 'sign without usage'), `HMAC with ${hash} signing with wrong usage`);
  promise_test(async () => {
    const t = copyBuffer(plaintext); t[0] = 255 - t[0];
    assert_false(await subtle.verify('HMAC', await key(), sig, t), 'altered plaintext');
  }, `HMAC with ${hash} verification failure due to wrong plaintext`);
  promise_test(async () => {
    const s = copyBuffer(sig); s[0] = 255 - s[0];
    assert_false(await subtle.verify('HMAC', await key(), s, plaintext), 'altered signature');
  }, `HMAC with ${hash} verification failure due to wrong signature`);
  promise_test(async () => {
    assert_false(await subtle.verify('HMAC', await key(), sig.slice(1), plaintext), 'short signature');
  }, `HMAC with ${hash} verification failure due to short signature`);
  promise_test(async () => {
    const other = Object.keys(H.raw).find((h) => h !== hash);
    const k = await subtle.importKey('raw', raw, { name: 'HMAC', hash: other }, false, ['verify']);
    assert_false(await subtle.verify('HMAC', k, sig, plaintext), 'wrong hash');
  }, `HMAC with ${hash} verification failure due to wrong hash`);
  promise_test(async () => rejectsWith(subtle.sign({ name: 'ECDSA', hash }, await key(), plaintext), 'InvalidAccessError', 'wrong algorithm'), `HMAC with ${hash} signing with the wrong algorithm name`);
  promise_test(async () => {
    const k = await subtle.generateKey(alg, true, ['sign', 'verify']);
    assert_equals(k.algorithm.length, hash === 'SHA-1' || hash === 'SHA-256' ? 512 : 1024, 'default length');
    const r = await subtle.sign('HMAC', k, plaintext);
    assert_true(await subtle.verify('HMAC', k, r, plaintext), 'generated key round trip');
  }, `HMAC with ${hash} generated key`);
}

// ---- AES-CTR ----
const C = W.aesCtr;
const ctrPlain = new TextEncoder().encode(C.plaintextText);
const counter = new Uint8Array(C.counter);
for (const bits of Object.keys(C.ciphertext)) {
  const raw = new Uint8Array(C.keys[bits]), want = new Uint8Array(C.ciphertext[bits]);
  const alg = { name: 'AES-CTR', counter, length: C.length };
  const key = (usages) => subtle.importKey('raw', raw, 'AES-CTR', false, usages || ['encrypt', 'decrypt']);
  promise_test(async () => assert_true(equalBuffers(await subtle.encrypt(alg, await key(), ctrPlain), want), 'ciphertext'), `AES-CTR ${bits}-bit key`);
  promise_test(async () => {
    const t = copyBuffer(ctrPlain), k = await key();
    const p = subtle.encrypt(alg, k, t);
    t[0] = 255 - t[0];
    assert_true(equalBuffers(await p, want), 'altered plaintext after call');
  }, `AES-CTR ${bits}-bit key with altered plaintext`);
  promise_test(async () => assert_true(equalBuffers(await subtle.decrypt(alg, await key(), want), ctrPlain), 'plaintext'), `AES-CTR ${bits}-bit key decryption`);
  promise_test(async () => {
    const t = copyBuffer(want), k = await key();
    const p = subtle.decrypt(alg, k, t);
    t[0] = 255 - t[0];
    assert_true(equalBuffers(await p, ctrPlain), 'altered ciphertext after call');
  }, `AES-CTR ${bits}-bit key decryption with altered ciphertext`);
  promise_test(async () => rejectsWith(subtle.encrypt(alg, await key(['decrypt']), ctrPlain), 'InvalidAccessError', 'no encrypt usage'), `AES-CTR ${bits}-bit key without encrypt usage`);
  promise_test(async () => rejectsWith(subtle.decrypt(alg, await key(['encrypt']), want), 'InvalidAccessError', 'no decrypt usage'), `AES-CTR ${bits}-bit key without decrypt usage`);
  promise_test(async () => {
    const k = await subtle.importKey('raw', raw, 'AES-CBC', false, ['encrypt']);
    await rejectsWith(subtle.encrypt(alg, k, ctrPlain), 'InvalidAccessError', 'mismatched key');
  }, `AES-CTR ${bits}-bit key with mismatched key and algorithm`);
  for (const length of C.badLengths) {
    promise_test(async () => rejectsWith(subtle.encrypt({ name: 'AES-CTR', counter, length }, await key(), ctrPlain), 'OperationError', 'bad length'), `AES-CTR ${bits}-bit key, ${length}-bit counter`);
    promise_test(async () => rejectsWith(subtle.decrypt({ name: 'AES-CTR', counter, length }, await key(), want), 'OperationError', 'bad length'), `AES-CTR ${bits}-bit key, ${length}-bit counter decryption`);
  }
}

const results = [];
for (const t of tests) {
  try { await t.fn(); results.push([t.name, 'PASS']); } catch (e) { results.push([t.name, 'FAIL: ' + (e && e.message)]); }
}
return results;
