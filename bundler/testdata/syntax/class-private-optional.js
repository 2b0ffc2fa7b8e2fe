class A { #x = 7; static get(o) { return o?.#x } }
export default () => [A.get(new A()), A.get(null) ?? 'none']
