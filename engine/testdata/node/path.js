const path = require('path');
const posix = require('node:path/posix');
const cases = [
  () => [path.sep, path.delimiter, path === path.posix, posix === path.posix, typeof path.win32.join],
  () => path.join('/a', 'b', '../c', './d'), () => path.join(), () => path.join('', ''), () => path.join('a', '', 'b/'),
  () => path.resolve('/a/b', './c'), () => path.resolve('x', 'y'), () => path.resolve('/a', '/b', 'c'), () => path.resolve(),
  () => path.normalize('/a//b/../c/.'), () => path.normalize(''), () => path.normalize('./a/'), () => path.normalize('../../x'),
  () => path.dirname('/a/b/c'), () => path.dirname('a'), () => path.dirname('/'), () => path.dirname('//a'),
  () => path.basename('/a/b.txt'), () => path.basename('/a/b.txt', '.txt'), () => path.basename('/a/b/'), () => path.basename('b.txt', 'b.txt'),
  () => path.extname('a.b.c'), () => path.extname('.hidden'), () => path.extname('a.'), () => path.extname('a'),
  () => path.parse('/home/u/file.tar.gz'), () => path.parse('rel/x'), () => path.parse(''),
  () => path.format({ dir: '/x', base: 'y.z' }), () => path.format({ root: '/', name: 'n', ext: 'e' }), () => path.format({ name: 'n', ext: '.e' }),
  () => path.relative('/a/b/c', '/a/d'), () => path.relative('/a', '/a'), () => path.relative('a/b', 'a/c'),
  () => path.isAbsolute('/x'), () => path.isAbsolute('x'), () => path.toNamespacedPath('/x'),
  () => path.join('a', 1), () => path.resolve(null), () => path.basename(5), () => path.format(null),
  () => path.win32.join('a', 'b'),
];
