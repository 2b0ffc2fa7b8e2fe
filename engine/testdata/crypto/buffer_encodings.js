// Buffer's encodings that goja_nodejs lacks (bufferenc.go), run under node
// 20 and in a function (crypto_test.go).
const out = [];
for (const enc of ['base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'ucs-2', 'utf16le', 'UTF16LE', 'Latin1', 'base64']) {
  out.push([enc,
    Array.from(Buffer.from('eyJhbGciOi-_\u00e9\u20ac', enc)),
    Buffer.from([250, 251, 0x41, 0xc3, 0xa9, 0]).toString(enc),
    Buffer.from([250, 251, 0x41, 0x42]).toString(enc, 1, 3),
    Buffer.from([250, 251, 0x41, 0x42]).toString(enc, 3, 1),
    Buffer.byteLength('h\u00e9llo', enc)]);
}
out.push(Array.from(Buffer.from('eyJh!bGci', 'base64url')), Array.from(Buffer.from('eyJhb=Gci', 'base64')));
// jws's way of encoding a JWT header.
out.push(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' }), 'binary').toString('base64').replace(/=/g, ''));
return out;
