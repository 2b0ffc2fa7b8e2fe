function F() { return { called: new.target === undefined ? 'call' : 'new' } }
class Coll { *[Symbol.iterator]() { yield 1; yield 2 } get [Symbol.toStringTag]() { return 'Coll' } }
export default () => [F().called, new F().called, [...new Coll()], Object.prototype.toString.call(new Coll())]
