// node: bundle
function sealed(v: any, ctx: ClassDecoratorContext) { (v as any).sealedName = String(ctx.name); return v }
@sealed class Greeter { greet() { return 'hi' } }
export default () => [(Greeter as any).sealedName, new Greeter().greet()]
