// known-deviation: the runtime (goja) cannot parse the code built from here
export default () => { const { list: [first = 'none'] = [] } = {}; return first }
