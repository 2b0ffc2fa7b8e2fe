// known-deviation: {"value":["undefined","undefined"]}
export default () => [typeof WeakRef, typeof FinalizationRegistry]
