// node: bundle
const events = [];
function res(name) { return { async [Symbol.asyncDispose]() { await null; events.push('dispose ' + name) } } }
export default async () => { { await using a = res('a'); events.push('body') } return events }
