class A { x = 1; static y = 2; ['c' + 'k'] = 3; arrow = () => this.x }
export default () => { const a = new A(); return [a.x, A.y, a.ck, a.arrow()] }
