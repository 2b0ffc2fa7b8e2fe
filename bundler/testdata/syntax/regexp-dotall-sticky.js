export default () => { const y = /foo/y; y.lastIndex = 3; return [/a.b/s.test('a\nb'), /a.b/.test('a\nb'), y.test('barfoo'), y.lastIndex] }
