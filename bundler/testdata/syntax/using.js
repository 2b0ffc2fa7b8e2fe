// node: bundle
const events = [];
function res(name) { return { [Symbol.dispose]() { events.push('dispose ' + name) } } }
export default () => { { using a = res('a'); using b = res('b'); events.push('body') } return events }
