class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr' } code = 'E1' }
class Stack extends Array { top() { return this[this.length - 1] } }
export default () => { const e = new MyErr('boom'); const s = Stack.from([1, 2, 3]); return [e.message, e.name, e.code, e instanceof Error, s.top(), s.length] }
