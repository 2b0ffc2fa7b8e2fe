// node: bundle
class A { accessor x = 1; static accessor y = 2 }
export default () => { const a = new A(); a.x += 10; return [a.x, A.y] }
