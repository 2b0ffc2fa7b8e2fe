// Date objects without a response schema: JSON.stringify semantics.
export default [{}, async () => ({ at: new Date("2024-01-02T03:04:05.000Z"), list: [new Date(0)] })];
