class Counter {
  #n = 0; static #made = 0;
  constructor() { Counter.#made++ }
  #bump(by) { this.#n += by; this.#n ??= 0; return this }
  get #double() { return this.#n * 2 }
  set #value(v) { this.#n = v }
  static #hidden() { return 'hidden' }
  inc() { return this.#bump(1) }
  reset(v) { this.#value = v; return this }
  get report() { return { n: this.#n, double: this.#double, made: Counter.#made, h: Counter.#hidden() } }
  static isCounter(o) { return #n in o }
  swap() { [this.#n] = [this.#n + 100]; return this.#n }
}
export default () => { const c = new Counter().inc().inc(); const r1 = c.report; c.reset(5); return [r1, c.report, Counter.isCounter(c), Counter.isCounter({}), c.swap()] }
