// node: bundle
export default () => [typeof import.meta, typeof import.meta.url]
