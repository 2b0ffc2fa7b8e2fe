// Test vectors from Node.js's own tests (test/parallel/test-path-join.js,
// test-path-relative.js, test-path-extname.js, test-path-normalize.js and
// test-querystring.js, the POSIX and encoding-independent ones), run here
// as inputs: the answers are compared with what node itself gives.
//
// Copyright Node.js contributors. All rights reserved. Permission is hereby
// granted, free of charge, to any person obtaining a copy of this software
// and associated documentation files (the "Software"), to deal in the
// Software without restriction, including without limitation the rights to
// use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions: The above
// copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED
// "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED. (MIT licence)
const path = require('path');
const qs = require('querystring');
const joinTests = [
  [['.', 'x/b', '..', '/b/c.js'], 'x/b/c.js'], [[], '.'], [['/.', 'x/b', '..', '/b/c.js'], '/x/b/c.js'],
  [['/foo', '../../../bar'], '/bar'], [['foo', '../../../bar'], '../../bar'], [['foo/', '../../../bar'], '../../bar'],
  [['foo/x', '../../../bar'], '../bar'], [['foo/x', './bar'], 'foo/x/bar'], [['foo/x/', './bar'], 'foo/x/bar'],
  [['foo/x/', '.', 'bar'], 'foo/x/bar'], [['./'], './'], [['.', './'], './'], [['.', '.', '.'], '.'],
  [['.', './', '.'], '.'], [['.', '/./', '.'], '.'], [['.', '/////./', '.'], '.'], [['.'], '.'], [['', '.'], '.'],
  [['', 'foo'], 'foo'], [['foo', '/bar'], 'foo/bar'], [['', '/foo'], '/foo'], [['', '', '/foo'], '/foo'],
  [['', '', 'foo'], 'foo'], [['foo', ''], 'foo'], [['foo/', ''], 'foo/'], [['foo', '', '/bar'], 'foo/bar'],
  [['./', '..', '/foo'], '../foo'], [['./', '..', '..', '/foo'], '../../foo'], [['.', '..', '..', '/foo'], '../../foo'],
  [['', '..', '..', '/foo'], '../../foo'], [['/'], '/'], [['/', '.'], '/'], [['/', '..'], '/'], [['/', '..', '..'], '/'],
  [[''], '.'], [['', ''], '.'], [[' /foo'], ' /foo'], [[' ', 'foo'], ' /foo'], [[' ', '.'], ' '], [[' ', '/'], ' /'],
  [[' ', ''], ' '], [['/', 'foo'], '/foo'], [['/', '/foo'], '/foo'], [['/', '//foo'], '/foo'], [['/', '', '/foo'], '/foo'],
  [['', '/', 'foo'], '/foo'], [['', '/', '/foo'], '/foo'],
];
const relativeTests = [
  ['/var/lib', '/var', '..'], ['/var/lib', '/bin', '../../bin'], ['/var/lib', '/var/lib', ''], ['/var/lib', '/var/apache', '../apache'],
  ['/var/', '/var/lib', 'lib'], ['/', '/var/lib', 'var/lib'], ['/foo/test', '/foo/test/bar/package.json', 'bar/package.json'],
  ['/Users/a/web/b/test/mails', '/Users/a/web/b', '../..'], ['/foo/bar/baz-quux', '/foo/bar/baz', '../baz'],
  ['/foo/bar/baz', '/foo/bar/baz-quux', '../baz-quux'], ['/baz-quux', '/baz', '../baz'], ['/baz', '/baz-quux', '../baz-quux'],
  ['/page1/page2/foo', '/', '../../..'],
];
const extnameTests = [
  ['', ''], ['/path/to/file', ''], ['/path/to/file.ext', '.ext'], ['/path.to/file.ext', '.ext'], ['/path.to/file', ''],
  ['/path.to/.file', ''], ['/path.to/.file.ext', '.ext'], ['/path/to/f.ext', '.ext'], ['/path/to/..ext', '.ext'], ['/path/to/..', ''],
  ['file', ''], ['file.ext', '.ext'], ['.file', ''], ['.file.ext', '.ext'], ['/file', ''], ['/file.ext', '.ext'], ['/.file', ''],
  ['/.file.ext', '.ext'], ['.path/file.ext', '.ext'], ['file.ext.ext', '.ext'], ['file.', '.'], ['.', ''], ['./', ''],
  ['.file.', '.'], ['.file..', '.'], ['..', ''], ['../', ''], ['..file.ext', '.ext'], ['..file', '.file'], ['..file.', '.'],
  ['..file..', '.'], ['...', '.'], ['...ext', '.ext'], ['....', '.'], ['file.ext/', '.ext'], ['file.ext//', '.ext'], ['file/', ''],
  ['file//', ''], ['file./', '.'], ['file.//', '.'], ['.\\', ''], ['..\\', '.\\'], ['file.ext\\', '.ext\\'], ['file.ext\\\\', '.ext\\\\'],
  ['file\\', ''], ['file\\\\', ''], ['file.\\', '.\\'], ['file.\\\\', '.\\\\'],
];
const normalizeTests = [
  ['./fixtures///b/../b/c.js', 'fixtures/b/c.js'], ['/foo/../../../bar', '/bar'], ['a//b//../b', 'a/b'], ['a//b//./c', 'a/b/c'],
  ['a//b//.', 'a/b'], ['/a/b/c/../../../x/y/z', '/x/y/z'], ['///..//./foo/.//bar', '/foo/bar'], ['bar/foo../../', 'bar/'],
  ['bar/foo../..', 'bar'], ['bar/foo../../baz', 'bar/baz'], ['bar/foo../', 'bar/foo../'], ['bar/foo..', 'bar/foo..'],
  ['../foo../../../bar', '../../bar'], ['../.../.././.../../../bar', '../../bar'],
];
const qsTestCases = [
  ['foo=918854443121279438895193', 'foo=918854443121279438895193', { foo: '918854443121279438895193' }],
  ['foo=bar', 'foo=bar', { foo: 'bar' }], ['foo=bar&foo=quux', 'foo=bar&foo=quux', { foo: ['bar', 'quux'] }],
  ['foo=1&bar=2', 'foo=1&bar=2', { foo: '1', bar: '2' }],
  ['my+weird+field=q1%212%22%27w%245%267%2Fz8%29%3F', 'my%20weird%20field=q1!2%22\'w%245%267%2Fz8)%3F', { 'my weird field': 'q1!2"\'w$5&7/z8)?' }],
  ['foo%3Dbaz=bar', 'foo%3Dbaz=bar', { 'foo=baz': 'bar' }], ['foo=baz=bar', 'foo=baz%3Dbar', { foo: 'baz=bar' }],
  ['str=foo&arr=1&arr=2&arr=3&somenull=&undef=', 'str=foo&arr=1&arr=2&arr=3&somenull=&undef=', { str: 'foo', arr: ['1', '2', '3'], somenull: '', undef: '' }],
  [' foo = bar ', '%20foo%20=%20bar%20', { ' foo ': ' bar ' }], ['foo=%zx', 'foo=%25zx', { foo: '%zx' }],
  ['foo=%EF%BF%BD', 'foo=%EF%BF%BD', { foo: '\ufffd' }],
  ['hasOwnProperty=x&toString=foo&valueOf=bar&__defineGetter__=baz', 'hasOwnProperty=x&toString=foo&valueOf=bar&__defineGetter__=baz', { hasOwnProperty: 'x', toString: 'foo', valueOf: 'bar', __defineGetter__: 'baz' }],
  ['foo&bar=baz', 'foo=&bar=baz', { foo: '', bar: 'baz' }], [null, '', {}], [undefined, '', {}],
];
const qsColonTestCases = [
  ['foo:bar', 'foo:bar', { foo: 'bar' }], ['foo:bar;foo:quux', 'foo:bar;foo:quux', { foo: ['bar', 'quux'] }],
  ['foo:1&bar:2;baz:quux', 'foo:1%26bar%3A2;baz:quux', { foo: '1&bar:2', baz: 'quux' }],
  ['foo%3Abaz:bar', 'foo%3Abaz:bar', { 'foo:baz': 'bar' }], ['foo:baz:bar', 'foo:baz%3Abar', { foo: 'baz:bar' }],
];
const extendedFunction = function () {};
extendedFunction.prototype = { a: 'b' };
const qsWeirdObjects = [
  [{ regexp: /./g }, 'regexp=', { regexp: '' }], [{ fn: function () {} }, 'fn=', { fn: '' }], [{ math: Math }, 'math=', { math: '' }],
  [{ e: extendedFunction }, 'e=', { e: '' }], [{ d: new Date() }, 'd=', { d: '' }], [{ d: Date }, 'd=', { d: '' }],
  [{ f: new Boolean(false), t: new Boolean(true) }, 'f=&t=', { f: '', t: '' }], [{ f: false, t: true }, 'f=false&t=true', { f: 'false', t: 'true' }],
  [{ n: null }, 'n=', { n: '' }], [{ nan: NaN }, 'nan=', { nan: '' }], [{ inf: Infinity }, 'inf=', { inf: '' }], [{ a: [], b: [] }, '', {}],
];
const plain = (o) => JSON.parse(JSON.stringify(Object.assign({}, o)));
const check = (actual, expected) => [actual, JSON.stringify(actual) === JSON.stringify(expected)];
const cases = [].concat(
  joinTests.map(([args, want]) => () => check(path.posix.join(...args), want)),
  relativeTests.map(([a, b, want]) => () => check(path.posix.relative(a, b), want)),
  extnameTests.map(([p, want]) => () => check(path.posix.extname(p), want)),
  normalizeTests.map(([p, want]) => () => check(path.posix.normalize(p), want)),
  qsTestCases.map(([wonky, , obj]) => () => check(plain(qs.parse(wonky)), obj)),
  qsTestCases.map(([, canonical, obj]) => () => check(qs.stringify(obj), canonical)),
  qsColonTestCases.map(([wonky, , obj]) => () => check(plain(qs.parse(wonky, ';', ':')), obj)),
  qsColonTestCases.map(([, canonical, obj]) => () => check(qs.stringify(obj, ';', ':'), canonical)),
  qsWeirdObjects.map(([obj, str]) => () => check(qs.stringify(obj), str)),
  qsWeirdObjects.map(([, str, obj]) => () => check(plain(qs.parse(str)), obj)),
  [
    () => check(qs.stringify({ foo: -0 }), 'foo=0'), () => check(qs.stringify({ foo: -72.42 }), 'foo=-72.42'),
    () => check(qs.stringify({ a: 'b', q: qs.stringify({ x: 'y', y: 'z' }) }), 'a=b&q=x%3Dy%26y%3Dz'),
    () => check(Object.keys(qs.parse('a=1&b=1&c=1', null, null, { maxKeys: 1 })).length, 1),
    () => { const q = {}; for (let i = 0; i < 2000; i++) q[i] = i; return check(Object.keys(qs.parse(qs.stringify(q), null, null, { maxKeys: 0 })).length, 2000); },
    () => check(qs.unescapeBuffer('%d3%f2Ug%1f6v%24%5e%98%cb%0d%ac%a2%2f%9d%eb%d8%a2%e6').toString('hex'), 'd3f255671f3676245e98cb0daca22f9debd8a2e6'),
    () => check(plain(qs.parse('a=a&b=b&c=c', null, null, { decodeURIComponent: (s) => s + s })), { aa: 'aa', bb: 'bb', cc: 'cc' }),
    () => check(qs.stringify({ aa: 'aa', bb: 'bb', cc: 'cc' }, null, null, { encodeURIComponent: (s) => s[0] }), 'a=a&b=b&c=c'),
    () => { const prev = qs.unescape; qs.unescape = (s) => s.replace(/o/g, '_'); try { return check(plain(qs.parse('foo=bor')), { f__: 'b_r' }); } finally { qs.unescape = prev; } },
  ],
);
