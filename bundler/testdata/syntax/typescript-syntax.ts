enum Color { Red = 1, Green, Blue = 'b' }
namespace NS { export const v = 'ns' }
class P { constructor(public readonly x: number, private y = 2) {} sum(): number { return this.x + this.y } }
abstract class Shape { abstract area(): number; describe() { return `area ${this.area()}` } }
class Sq extends Shape { constructor(private s: number) { super() } area() { return this.s ** 2 } }
const asConst = { a: [1, 2] } as const;
function id<T>(v: T): T { return v }
export default () => [Color.Green, Color[2], Color.Blue, NS.v, new P(1).sum(), new Sq(3).describe(), asConst.a.length, id<string>('g'), (<any>'x') satisfies unknown]
