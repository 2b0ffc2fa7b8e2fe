const { StringDecoder } = require('string_decoder');
const run = (enc, chunks) => { const d = new StringDecoder(enc); const out = chunks.map((c) => d.write(Buffer.from(c))); out.push(d.end()); return out; };
const cases = [
  () => run('utf8', [[0xe2], [0x82], [0xac]]), () => run('utf8', [[0xf0, 0x9f], [0x98, 0x80]]), () => run('utf8', [[0xe2, 0x82]]), () => run('utf8', [[0xff, 0x41]]),
  () => run('utf16le', [[0x61], [0x00, 0x62], [0x00]]), () => run('base64', [[1], [2, 3], [4]]), () => run('hex', [[0xab, 0xcd]]), () => run('latin1', [[0xe9]]),
  () => new StringDecoder().encoding, () => new StringDecoder('UTF-8').encoding, () => new StringDecoder('ucs2').encoding, () => new StringDecoder('binary').encoding,
  () => new StringDecoder('nope'),
  () => { const d = new StringDecoder('utf8'); return [d.write(Buffer.from('abc')), d.end(Buffer.from([0xe2]))]; },
  () => run('ascii', [[0x68, 0x69]]),
];
