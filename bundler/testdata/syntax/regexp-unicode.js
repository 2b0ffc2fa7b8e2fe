export default () => ['😀x'.match(/./gu).length, /\u{1F600}/u.test('😀'), 'ǅ'.toLowerCase(), /[\u{1F600}-\u{1F64F}]/u.test('🙂')]
