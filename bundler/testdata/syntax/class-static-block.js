class A { static n = 1; static { this.n += 41 } }
export default () => A.n
