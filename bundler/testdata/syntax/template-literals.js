const tag = (s, ...v) => s.raw.join('|') + v.join(',');
export default () => [tag`a${1}b\n${2}c`, `multi
line`, String.raw`\u{41}`]
