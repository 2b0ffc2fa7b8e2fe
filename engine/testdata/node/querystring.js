const qs = require('querystring');
const plain = (o) => Object.assign({}, o);
const cases = [
  () => plain(qs.parse('a=1&b=2&a=3')), () => plain(qs.parse('a+b=c+d&e=%20f')), () => plain(qs.parse('')), () => plain(qs.parse('a&&b=')),
  () => plain(qs.parse('a=1;b=2', ';')), () => plain(qs.parse('a:1,b:2', ',', ':')), () => plain(qs.parse('x=%E4%B8%AD')), () => plain(qs.parse('bad=%zz%41')),
  () => plain(qs.parse('a=1&a=2&a=3&b=4', null, null, { maxKeys: 2 })), () => Object.getPrototypeOf(qs.parse('a=1')) === Object.prototype,
  () => plain(qs.parse('a=%C3%A9&b=%E9')), () => plain(qs.parse('=x&y=')), () => plain(qs.parse('a==b')),
  () => qs.stringify({ a: 1, b: [2, 3], c: 'x y', d: true, e: null, f: undefined, g: {} }),
  () => qs.stringify({ a: 'é', 'k y': '!*()' }), () => qs.stringify({ a: 1, b: 2 }, ';', ':'), () => qs.stringify('str'), () => qs.stringify({ n: NaN, i: Infinity, big: 10n }),
  () => qs.stringify({ a: [] }), () => qs.stringify({ a: 'x' }, null, null, { encodeURIComponent: (s) => s.toUpperCase() }),
  () => qs.escape('a b&c/d'), () => qs.unescape('a%20b%zz'), () => qs.unescapeBuffer('a%20b').toString('hex'),
  () => qs.encode === qs.stringify && qs.decode === qs.parse,
  () => qs.stringify({ s: '\ud800' }),
  () => plain(qs.parse('a=1&b=2', '&', '=', { decodeURIComponent: (s) => s + '!' })),
];
