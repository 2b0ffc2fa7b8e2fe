// build-error: Top-level await is currently not supported with the "iife" output format
const v = await Promise.resolve(1)
export default () => v
