const k = 'dyn';
export default () => { const o = { _v: 1, get v() { return this._v }, set v(x) { this._v = x + 1 }, [k + 'Key']: true, [`t${1}`]() { return 't' } }; o.v = 4; return [o.v, o.dynKey, o.t1(), Object.getOwnPropertyNames(o)] }
