// known-deviation: {"value":[null,false]}
export default () => [ (/\p{Lu}+/u.exec('abcDEFghi') || [null])[0], /^\p{Script=Greek}+$/u.test('αβγ') ]
