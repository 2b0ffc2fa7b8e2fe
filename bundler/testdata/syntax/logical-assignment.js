export default () => { let a = null, b = 0, c = 1; const o = { x: undefined }; a ??= 'a'; b ||= 'b'; c &&= 'c'; o.x ??= 1; o.y ||= 2; return [a, b, c, o] }
