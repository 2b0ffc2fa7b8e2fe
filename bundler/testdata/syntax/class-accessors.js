class A { #v = 1; get v() { return this.#v } set v(x) { this.#v = x * 2 } static get s() { return 's' } }
export default () => { const a = new A(); a.v = 5; return [a.v, A.s] }
