// node: bundle
const log = [];
function logged(value, ctx) { log.push(ctx.kind + ':' + String(ctx.name)); if (ctx.kind === 'method') return function (...args) { return 'wrapped(' + value.apply(this, args) + ')' } }
function tag(cls, ctx) { cls.tagged = ctx.name; return cls }
@tag class A { @logged m(x) { return x * 2 } @logged static s() { return 's' } @logged accessor f = 3 }
export default () => [new A().m(21), A.s(), new A().f, A.tagged, log]
