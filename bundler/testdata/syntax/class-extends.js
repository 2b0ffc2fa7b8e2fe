class Base { constructor(n) { this.n = n } who() { return 'base' + this.n } static make() { return new this(1) } }
class Sub extends Base { extra = this.n + 1; who() { return 'sub:' + super.who() } }
export default () => { const s = Sub.make(); return [s.who(), s.extra, s instanceof Base] }
