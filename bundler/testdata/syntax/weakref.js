export default () => [typeof WeakRef, typeof FinalizationRegistry]
