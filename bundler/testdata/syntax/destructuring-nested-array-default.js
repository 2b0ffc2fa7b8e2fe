// known-deviation: the bundle does not parse in the runtime even with class fields lowered
export default () => { const { list: [first = 'none'] = [] } = {}; return first }
