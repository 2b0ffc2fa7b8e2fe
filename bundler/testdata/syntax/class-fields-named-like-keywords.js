class Store {
  #data = new Map();
  get = (k) => this.#data.get(k) ?? null;
  set = (k, v) => { this.#data.set(k, v); return this };
  async = 'not a method';
  static get = 'static get';
  static set = 'static set';
  static async = 'static async';
  static = 'a field named static';
}
export default () => { const s = new Store().set('a', 1); return [s.get('a'), s.get('b'), s.async, s.static, Store.get, Store.set, Store.async] }
