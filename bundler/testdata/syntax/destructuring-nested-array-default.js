// known-deviation: Invalid destructuring binding target
export default () => { const { list: [first = 'none'] = [] } = {}; return first }
